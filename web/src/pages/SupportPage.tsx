import { NotBuilt } from './NotBuilt';

export function SupportPage() {
  return <NotBuilt what="support" />;
}
