// The user guide (docs/用户手册.md) in the window, offline: its text and pictures are part of
// the app. Loaded on first opening only, so the window starts as fast without it. The HTML
// comes from our own Markdown file, compiled into the app: nothing from outside is shown.
import { Marked, type Tokens } from 'marked';
import guide from '@docs/用户手册.md?raw';

const pictures = import.meta.glob<string>('../../../../docs/**/*.png', {
  eager: true,
  query: '?url',
  import: 'default',
});

const marked = new Marked({
  // Pictures are named relative to docs/ in the guide, and by their bundled URL in the app.
  walkTokens: (token) => {
    if (token.type !== 'image') return;
    const image = token as Tokens.Image;
    image.href = pictures[`../../../../docs/${image.href}`] ?? image.href;
  },
});
// A line break inside Chinese text is no space (Markdown would make it one): the lines of a
// paragraph are joined where both sides are CJK characters or punctuation.
const joined = guide.replace(
  /([\u3000-\u303f\u3400-\u9fff\uff00-\uffef])\n[ \t]*(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])/g,
  '$1',
);
const html = marked.parse(joined, { async: false });

export default function UserGuide() {
  return (
    <article
      className="sail-guide"
      data-testid="user-guide"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
