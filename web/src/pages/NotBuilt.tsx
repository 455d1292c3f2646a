/** A page whose route and navigation entry exist but whose content is still to be built. */
export function NotBuilt({ what }: { what: string }) {
  return (
    <p className="panel" role="status">
      The {what} page is not built yet.
    </p>
  );
}
