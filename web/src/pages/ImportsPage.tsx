import { NotBuilt } from './NotBuilt';

export function ImportsPage() {
  return <NotBuilt what="imports" />;
}
