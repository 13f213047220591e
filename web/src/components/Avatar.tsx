const PALETTE = ['#0a66c2', '#7a3e9d', '#057642', '#b24020', '#5f6b7a', '#8f5849', '#1f6f8b', '#915907'];

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((word) => Array.from(word)[0]!.toUpperCase()).join('');
}

/** Members have no photos yet: their initials on a colour picked from their id. */
export function Avatar({
  id,
  name,
  size = 'medium',
}: {
  id: string;
  name: string;
  size?: 'small' | 'medium' | 'large';
}) {
  return (
    <span
      className={`avatar avatar--${size}`}
      style={{ backgroundColor: PALETTE[hash(id) % PALETTE.length] }}
      aria-hidden="true"
    >
      {initials(name) || '?'}
    </span>
  );
}
