import { Layout, Paragraph, type LayoutProps } from './Layout.js';

export interface InvitationAcceptedProps {
  frame: Omit<LayoutProps, 'children' | 'heading' | 'preview' | 'button' | 'reason'>;
  memberName: string;
  memberHeadline: string;
  profileHref: string;
}

/** "Grace Hopper accepted your invitation": the new connection, and the way to their profile. */
export function InvitationAccepted(props: InvitationAcceptedProps) {
  return (
    <Layout
      {...props.frame}
      preview={`You and ${props.memberName} are now connected`}
      heading={`${props.memberName} accepted your invitation`}
      button={{ label: 'View profile', href: props.profileHref }}
      reason={`You get this email because ${props.memberName} accepted an invitation you sent on Rapport.`}
    >
      {props.memberHeadline ? <Paragraph muted>{props.memberHeadline}</Paragraph> : null}
      <Paragraph>{`You and ${props.memberName} are now connected.`}</Paragraph>
    </Layout>
  );
}
