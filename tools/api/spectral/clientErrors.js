// conduit-operation-4xx: an operation documents a 4xx answer unless nothing a client sends can be
// wrong: no body, no token, and no parameter but If-None-Match (any value is valid: it matches or not).
// The probes (/api/health, /api/ready) and the tag list take no input, so they answer no 4xx.
module.exports = (operation) => {
  if (operation === null || typeof operation !== "object") return [];
  const codes = Object.keys(operation.responses || {});
  if (codes.some((code) => code.startsWith("4"))) return [];
  const parameters = (operation.parameters || []).filter(
    (parameter) => !(parameter.$ref || "").endsWith("/IF_NONE_MATCH") && parameter.name !== "If-None-Match",
  );
  const inputs = [];
  if (operation.requestBody) inputs.push("a request body");
  if ((operation.security || []).some((requirement) => Object.keys(requirement).length > 0)) inputs.push("a token");
  if (parameters.length > 0) inputs.push(`parameters (${parameters.map((p) => p.name || p.$ref).join(", ")})`);
  if (inputs.length === 0) return [];
  return [{ message: `takes ${inputs.join(", ")} but documents no 4xx answer` }];
};
