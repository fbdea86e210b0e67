// End to end through the generated TypeScript client, against the server at $CONDUIT_API_URL:
// register -> log in -> create an article with tags -> comment -> favorite -> follow -> feed -> delete,
// then upload an avatar -> ask for a password reset -> sign out.
// tsc checks every request and response against the spec's types; the asserts check the values.
import assert from "node:assert/strict";

import { type Article, type ArticleSummary, type Comment, type Profile, type User, createConduitClient } from "../src/index.js";

const baseUrl = process.env.CONDUIT_API_URL;
if (!baseUrl) throw new Error("set CONDUIT_API_URL to the server's base URL, e.g. http://127.0.0.1:5000");

/** The data of a successful call; anything else fails with the API's error body. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  assert.ok(result.response.ok, `HTTP ${result.response.status}: ${JSON.stringify(result.error)}`);
  assert.ok(result.data !== undefined, `HTTP ${result.response.status} without a body`);
  return result.data;
}

async function register(name: string): Promise<User> {
  const client = createConduitClient(baseUrl!);
  const body = { user: { username: name, email: `${name}@example.com`, password: `${name}-password` } };
  const { user } = ok(await client.POST("/api/users", { body }));
  return user;
}

async function main(): Promise<void> {
  const suffix = Date.now().toString(36);
  const authorName = `ts_author_${suffix}`;
  const readerName = `ts_reader_${suffix}`;

  const registered: User = await register(readerName);
  assert.equal(registered.username, readerName);
  await register(authorName);

  const anonymous = createConduitClient(baseUrl!);
  const login = await anonymous.POST("/api/users/login", {
    body: { user: { email: `${readerName}@example.com`, password: `${readerName}-password` } },
  });
  const reader: User = ok(login).user;
  assert.equal(reader.email, `${readerName}@example.com`);
  assert.ok(reader.token.length > 0);

  const wrong = await anonymous.POST("/api/users/login", {
    body: { user: { email: `${readerName}@example.com`, password: "not-the-password" } },
  });
  assert.equal(wrong.response.status, 401);
  assert.ok(wrong.error?.errors.body?.length, "a 401 carries the error envelope");

  const authorLogin = ok(
    await anonymous.POST("/api/users/login", {
      body: { user: { email: `${authorName}@example.com`, password: `${authorName}-password` } },
    }),
  );
  const asAuthor = createConduitClient(baseUrl!, authorLogin.user.token);
  const asReader = createConduitClient(baseUrl!, reader.token);

  const created = await asAuthor.POST("/api/articles", {
    body: {
      article: { title: `Typed dragons ${suffix}`, description: "Ever wonder how?", body: "Types", tagList: ["typescript", "dragons"] },
    },
  });
  assert.equal(created.response.status, 201);
  const article: Article = ok(created).article;
  assert.deepEqual(article.tagList, ["dragons", "typescript"]);
  assert.equal(article.author.username, authorName);
  assert.equal(article.favorited, false);
  const slug = article.slug;

  const commented = ok(
    await asReader.POST("/api/articles/{slug}/comments", {
      params: { path: { slug } },
      body: { comment: { body: "His name was my name too." } },
    }),
  );
  const comment: Comment = commented.comment;
  assert.equal(comment.author.username, readerName);
  assert.equal(typeof comment.id, "number");

  const favorited: Article = ok(await asReader.POST("/api/articles/{slug}/favorite", { params: { path: { slug } } })).article;
  assert.equal(favorited.favorited, true);
  assert.equal(favorited.favoritesCount, 1);

  const followed: Profile = ok(
    await asReader.POST("/api/profiles/{username}/follow", { params: { path: { username: authorName } } }),
  ).profile;
  assert.equal(followed.following, true);

  const feed = ok(await asReader.GET("/api/articles/feed", { params: { query: { limit: 10, offset: 0 } } }));
  const first: ArticleSummary | undefined = feed.articles[0];
  assert.equal(feed.articlesCount, 1);
  assert.equal(first?.slug, slug);
  assert.equal(first?.favorited, true);
  assert.equal(first?.author.following, true);

  const comments = ok(await asReader.GET("/api/articles/{slug}/comments", { params: { path: { slug } } })).comments;
  assert.deepEqual(
    comments.map((c) => c.id),
    [comment.id],
  );

  const notYours = await asReader.DELETE("/api/articles/{slug}", { params: { path: { slug } } });
  assert.equal(notYours.response.status, 403);

  const commentGone = await asReader.DELETE("/api/articles/{slug}/comments/{id}", {
    params: { path: { slug, id: comment.id } },
  });
  assert.equal(commentGone.response.status, 204);
  const articleGone = await asAuthor.DELETE("/api/articles/{slug}", { params: { path: { slug } } });
  assert.equal(articleGone.response.status, 204);

  const missing = await asReader.GET("/api/articles/{slug}", { params: { path: { slug } } });
  assert.equal(missing.response.status, 404);
  assert.ok(missing.error?.errors.body?.length);

  await accounts(reader);

  console.log(`typescript e2e: ok (${slug})`);
}

/** A 1x1 PNG: the smallest real image the avatar upload takes. */
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

async function accounts(reader: User): Promise<void> {
  const asReader = createConduitClient(baseUrl!, reader.token);
  const multipart = (file: Blob) => () => {
    const form = new FormData();
    form.append("image", file, "me.png");
    return form;
  };
  const png = new Blob([Buffer.from(PIXEL_PNG, "base64")], { type: "image/png" });
  const uploaded = await asReader.PUT("/api/user/image", { body: { image: "" }, bodySerializer: multipart(png) });
  assert.equal(uploaded.response.status, 202);
  assert.equal(ok(uploaded).user.username, reader.username);
  const svg = new Blob(["<svg xmlns='http://www.w3.org/2000/svg'/>"], { type: "image/png" });
  const refused = await asReader.PUT("/api/user/image", { body: { image: "" }, bodySerializer: multipart(svg) });
  assert.equal(refused.response.status, 422);
  assert.ok(refused.error?.errors.image?.length, "a refused upload names the field");

  const anonymous = createConduitClient(baseUrl!);
  const asked = await anonymous.POST("/api/users/password-reset", { body: { user: { email: reader.email } } });
  assert.equal(asked.response.status, 202);
  assert.deepEqual(asked.data, { user: { email: reader.email } });
  const badToken = await anonymous.POST("/api/users/password-reset/confirm", {
    body: { reset: { token: "not-a-token", password: "a-new-password" } },
  });
  assert.equal(badToken.response.status, 422);

  const signedOut = await asReader.POST("/api/users/logout");
  assert.equal(signedOut.response.status, 204);
  assert.equal((await asReader.GET("/api/user")).response.status, 401);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
