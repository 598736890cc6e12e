import { escapeHtml, href, html, SafeHtml } from './html';

describe("html: the console's escaping template", () => {
  it('escapes every interpolated text, attributes included', () => {
    const name = `<script>alert('x')</script> & "quotes"`;
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;</td>',
    );
  });

  it('keeps SafeHtml, joins lists, drops null, undefined and false, prints numbers and bigints', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}${12n}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>012',
    );
    expect(html`${new SafeHtml('<b>ok</b>')}`.value).toBe('<b>ok</b>');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('builds links with only the query parameters that have a value', () => {
    expect(href('/console/messages', { phone: '+260977000001', text: '', app: undefined, before: 12 })).toBe(
      '/console/messages?phone=%2B260977000001&before=12',
    );
    expect(href('/console/messages')).toBe('/console/messages');
  });
});
