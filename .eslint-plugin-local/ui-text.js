// Every user-visible string of the renderer comes from the message files (shared/i18n), so that
// the window switches language whole: a literal word in JSX text, or in a prop people read
// (title, placeholder, aria-label, …), is an error — the way VS Code fails on unexternalised
// strings. Symbols, digits and punctuation alone (·, /, —, %, 100) are not words.
const VISIBLE_PROPS = new Set([
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'label',
  'okText',
  'cancelText',
  'description',
  'content',
  'message',
  'tooltip',
  'addonBefore',
  'addonAfter',
  'prefix',
  'suffix',
  'emptyText',
  'extra',
  'help',
]);

/** Letters of any script: a word someone reads. */
const WORD = /\p{L}/u;

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'user-visible text in JSX comes from the message files' },
    schema: [],
  },
  create(context) {
    const report = (node, text) =>
      context.report({
        node,
        message: `Literal text "${text.trim().slice(0, 40)}" in the window: put it in shared/i18n (zh-CN.ts and en-US.ts) and use t().`,
      });
    const literalText = (node) =>
      node.type === 'Literal' && typeof node.value === 'string'
        ? node.value
        : node.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : null;
    return {
      JSXText(node) {
        if (WORD.test(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type !== 'JSXElement' && node.parent.type !== 'JSXFragment') return;
        const text = literalText(node.expression);
        if (text !== null && WORD.test(text)) report(node, text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !VISIBLE_PROPS.has(name) || !node.value) return;
        const text =
          node.value.type === 'JSXExpressionContainer'
            ? literalText(node.value.expression)
            : literalText(node.value);
        if (text !== null && WORD.test(text)) report(node.value, text);
      },
    };
  },
};

export default { rules: { 'ui-text': rule } };
