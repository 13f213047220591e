import type { ReactNode } from 'react';
import { NetworkSidebar } from '../../features/network/components/NetworkSidebar';

/** The pages under My Network share its sidebar (hidden on phones, where the list matters more). */
export function NetworkSection({ children }: { children: ReactNode }) {
  return (
    <div className="layout-sidebar">
      <div className="stack">{children}</div>
      <NetworkSidebar compact />
    </div>
  );
}
