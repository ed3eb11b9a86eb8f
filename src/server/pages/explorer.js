/**
 * Starts GraphiQL (the UMD builds loaded before this file set the globals React, ReactDOM and
 * GraphiQL) on this server's own /graphql.
 */
/* global React, ReactDOM, GraphiQL */

const EXAMPLE = `# Documents in force on a day, and why.
# Ctrl-Enter runs it; Docs (left) lists the schema.
{
  policies(filter: { inForceOn: "2025-10-01" }) {
    totalCount
    edges {
      node {
        id
        title
        status(asOf: "2025-10-01")
        statusReason(asOf: "2025-10-01")
      }
    }
  }
}
`;

// GraphiQL's dialogs insert a <style> with this nonce, which the page's CSP allows.
window.__webpack_nonce__ = document.querySelector('meta[name="style-nonce"]')?.content;

// The page is served at /graphql itself, so its own path is the endpoint.
const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE, defaultEditorToolsVisibility: true }));
