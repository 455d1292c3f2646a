import { NotBuilt } from './NotBuilt';

export function CpdPage() {
  return <NotBuilt what="CPD" />;
}
