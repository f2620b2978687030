/* Search worker of the reference site: Material's own, with its results re-ranked.

   Written by `vrpcmds site`; do not edit (the next run overwrites it).

   Every page starts this script instead of Material's search worker (the project's hook
   rewrites the worker's address): `search-rank.js?worker=search.HASH.min.js[&scope=PATH]`.
   It loads Material's worker unchanged, and rewrites each list of results that worker
   posts back:

   - a result whose title is the query (a command's exact name, compared without case
     and with runs of spaces as one) comes first; then those whose title starts with the
     query (`vlan` before `display vlan`); then the rest, each group in Material's order.
     Material matches every word of a query as a prefix and ranks rare words high, so
     without this `ip address` finds `ipmsi-tunnel ...` first.
   - with `scope` (a site of several manuals), only the pages under that path, the
     manual the reader is in, are kept.

   Queries are answered in the order they are asked, so each list of results belongs to
   the oldest query not yet answered. */

const SETUP = 0, QUERY = 2, RESULT = 3
const params = new URLSearchParams(self.location.search)
const scope = params.get("scope") || ""
const queries = []

/* The text of a title as the index holds it (HTML, with <mark> highlights), lower case */
function plain(html) {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
    .replace(/&#0*39;/g, "'").replace(/&amp;/g, "&")
    .toLowerCase().trim().split(/\s+/).join(" ")
}

/* 0: the title is the query, 1: it starts with the query, 2: anything else */
function tier(group, query) {
  const article = group.find(doc => !doc.location.includes("#")) || group[0]
  const title = plain(article.title)
  return title === query ? 0 : title.startsWith(query) ? 1 : 2
}

function rank(items, typed) {
  const query = plain(typed.replace(/</g, "&lt;"))
  const kept = scope ? items.filter(group => group[0].location.startsWith(scope)) : items
  return kept
    .map((group, order) => ({ group, order, tier: query ? tier(group, query) : 2 }))
    .sort((a, b) => a.tier - b.tier || a.order - b.order)
    .map(entry => entry.group)
}

addEventListener("message", ev => {
  if (ev.data && ev.data.type === SETUP)
    queries.length = 0
  else if (ev.data && ev.data.type === QUERY)
    queries.push(String(ev.data.data))
})

const post = self.postMessage.bind(self)
self.postMessage = message => {
  if (message && message.type === RESULT && message.data && queries.length)
    message.data.items = rank(message.data.items, queries.shift())
  post(message)
}

importScripts(params.get("worker"))
