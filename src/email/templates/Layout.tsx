import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';

/**
 * The frame every Rapport email shares: a real heading, one button, the reason for the email
 * and its unsubscribe link. Light colours inline (what every client honours); a dark scheme
 * through prefers-color-scheme for the clients that support it, and `color-scheme` so the
 * others may darken it themselves without losing contrast.
 */
export interface LayoutProps {
  preview: string;
  heading: string;
  children: ReactNode;
  button: { label: string; href: string };
  /** Why the member gets this email ("…because Ada Lovelace invited you on Rapport."). */
  reason: string;
  unsubscribe: { label: string; href: string };
  settingsHref: string;
  logoSrc: string;
}

const DARK = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    body, .rp-body, .rp-body > table > tbody > tr > td { background-color: #121417 !important; }
    .rp-card { background-color: #1d2126 !important; border-color: #2e343b !important; }
    .rp-hr { border-color: #2e343b !important; }
    .rp-text, .rp-heading { color: #e8eaed !important; }
    .rp-muted, .rp-muted a { color: #aab2bd !important; }
    .rp-button { background-color: #5aa9ff !important; color: #0b1320 !important; }
  }
`;

export function Layout(props: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{DARK}</style>
      </Head>
      <Preview>{props.preview}</Preview>
      <Body className="rp-body" style={body}>
        <Container className="rp-card" style={card}>
          <Img src={props.logoSrc} alt="Rapport" width="32" height="32" style={{ margin: '0 0 16px' }} />
          <Heading as="h1" className="rp-heading" style={heading}>
            {props.heading}
          </Heading>
          {props.children}
          <Section style={{ margin: '24px 0' }}>
            <Button className="rp-button" href={props.button.href} style={button}>
              {props.button.label}
            </Button>
          </Section>
          <Hr className="rp-hr" style={{ borderColor: '#dde1e6', margin: '24px 0 16px' }} />
          <Text className="rp-muted" style={muted}>
            {props.reason}
          </Text>
          <Text className="rp-muted" style={muted}>
            <Link href={props.unsubscribe.href} style={mutedLink}>
              {props.unsubscribe.label}
            </Link>
            {' · '}
            <Link href={props.settingsHref} style={mutedLink}>
              Email settings
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children, muted: isMuted }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text className={isMuted ? 'rp-muted' : 'rp-text'} style={isMuted ? { ...text, color: '#4a5361' } : text}>
      {children}
    </Text>
  );
}

const body = {
  backgroundColor: '#f3f4f6',
  margin: 0,
  padding: '24px 0',
  fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
};
const card = {
  backgroundColor: '#ffffff',
  border: '1px solid #dde1e6',
  borderRadius: '8px',
  padding: '32px',
  maxWidth: '520px',
};
const heading = { color: '#111827', fontSize: '22px', lineHeight: '1.3', margin: '0 0 12px' };
const text = { color: '#1f2937', fontSize: '16px', lineHeight: '1.5', margin: '0 0 12px' };
const button = {
  backgroundColor: '#0a66c2',
  color: '#ffffff',
  borderRadius: '20px',
  padding: '10px 20px',
  fontSize: '16px',
  fontWeight: 600,
  textDecoration: 'none',
};
const muted = { color: '#4a5361', fontSize: '13px', lineHeight: '1.5', margin: '0 0 8px' };
const mutedLink = { color: '#4a5361', textDecoration: 'underline' };
