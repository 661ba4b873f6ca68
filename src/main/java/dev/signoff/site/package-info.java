/**
 * What the war shows to a person and to a tool rather than to an API client: the demo page at {@code /}
 * ({@link dev.signoff.site.DemoPageServlet}) and the OpenAPI 3.1 description of the mapping in use at
 * {@code /openapi.yaml} ({@link dev.signoff.site.OpenApiServlet}). Both serve files of the war read once at
 * {@code init()} ({@link dev.signoff.site.Asset}); nothing here touches the database or the tokens.
 */
package dev.signoff.site;
