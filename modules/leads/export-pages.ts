import type { Lead } from "../contracts/leads";
import type { LeadsRepo } from "./repo";

type Filters = Parameters<LeadsRepo["orderedIds"]>[0];

/**
 * An export's leads, page by page, each lead exactly once. The order and the set of leads are
 * fixed when the export starts (every matching id, read at once); each page then reads its rows,
 * so a lead shows its values as of that page. A lead deleted meanwhile is left out; one created
 * meanwhile waits for the next export. Paging by cursor instead let a long export skip or repeat
 * leads whose scores changed under it (an enrichment job rescoring while the file streams).
 */
export async function* exportPages(
  repo: Pick<LeadsRepo, "orderedIds" | "byIds">,
  filters: Filters,
  pageSize: number,
): AsyncGenerator<Lead[], void, undefined> {
  const ids = await repo.orderedIds(filters);
  // At least one page, even for no lead: the file still gets its header.
  let offset = 0;
  do {
    const slice = ids.slice(offset, offset + pageSize);
    offset += slice.length;
    const rows = await repo.byIds(slice);
    yield slice.flatMap((id) => rows.get(id) ?? []);
  } while (offset < ids.length);
}
