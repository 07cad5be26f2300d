/** Previous / next page buttons for cursor paging; "First page" when the way back is unknown. */
export function Pager({
  onPage,
  hasPrevious,
  onPrevious,
  onFirst,
  next,
  onNext,
}: {
  onPage: boolean;
  hasPrevious: boolean;
  onPrevious: () => void;
  onFirst: () => void;
  next: string | null;
  onNext: (cursor: string) => void;
}) {
  if (!onPage && !next) return null;
  return (
    <nav className="row pager" aria-label="Pages of runs">
      {onPage && (
        <button type="button" onClick={onFirst}>
          First page
        </button>
      )}
      {onPage && hasPrevious && (
        <button type="button" onClick={onPrevious}>
          Previous page
        </button>
      )}
      {next && (
        <button type="button" onClick={() => onNext(next)}>
          Next page
        </button>
      )}
    </nav>
  );
}
