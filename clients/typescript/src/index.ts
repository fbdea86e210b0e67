// The Conduit API client: types generated from openapi/openapi.json (src/schema.d.ts, by openapi-typescript;
// `npm run generate` or scripts/generate-sdks refreshes them), requests made by openapi-fetch.
import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

type Schemas = components["schemas"];
export type User = Schemas["User"];
export type Profile = Schemas["Profile"];
export type Article = Schemas["Article"];
export type ArticleSummary = Schemas["ArticleSummary"];
export type Comment = Schemas["Comment"];
export type ErrorBody = Schemas["GenericErrorModel"];

export type ConduitClient = Client<paths>;

/** A client for the API at `baseUrl` (e.g. http://127.0.0.1:5000), sending `token` when given. */
export function createConduitClient(baseUrl: string, token?: string): ConduitClient {
  const headers: Record<string, string> = token ? { Authorization: `Token ${token}` } : {};
  return createClient<paths>({ baseUrl, headers });
}
