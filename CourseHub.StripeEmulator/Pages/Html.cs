using System.Text;

namespace CourseHub.StripeEmulator.Pages;

/// <summary>The hosted pages' frame: one self-contained HTML document, no external assets, readable on a 390 px phone.</summary>
public static class Html
{
    /// <summary>Escapes the five characters that matter in text and attribute values and keeps the rest (¥, €, £) as written.</summary>
    public static string Encode(string? text)
    {
        var builder = new StringBuilder((text ?? "").Length);
        foreach (var character in text ?? "")
        {
            builder.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => character.ToString(),
            });
        }
        return builder.ToString();
    }

    public static IResult Page(string title, string body, int statusCode = 200) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Stripe emulator</title>
        <style>
          *, *::before, *::after { box-sizing: border-box; }
          body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1f36; background: #f6f9fc; }
          main { max-width: 28rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; }
          .test-mode { display: inline-block; background: #ffde92; color: #5c3b00; font-size: .75rem; font-weight: 600; padding: .1rem .5rem; border-radius: .25rem; }
          h1 { font-size: 1.375rem; margin: .75rem 0 .25rem; }
          .amount { font-size: 2rem; font-weight: 700; margin: 0 0 .25rem; }
          .description { color: #4f566b; margin: 0 0 1.25rem; }
          form { background: #fff; border: 1px solid #e3e8ee; border-radius: .5rem; padding: 1rem; }
          label { display: block; font-weight: 600; font-size: .875rem; margin: .75rem 0 .25rem; }
          input, select { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #c1c9d2; border-radius: .375rem; background: #fff; }
          input:focus, select:focus, button:focus, a:focus { outline: 3px solid #80b3ff; outline-offset: 1px; }
          input[aria-invalid="true"] { border-color: #df1b41; }
          .row { display: flex; gap: .75rem; } .row > div { flex: 1; min-width: 0; }
          .field-error { color: #b3093c; font-size: .875rem; margin: .25rem 0 0; }
          .hint { color: #4f566b; font-size: .8125rem; margin: .25rem 0 0; }
          .alert { background: #fde8ec; color: #8a0630; border-radius: .375rem; padding: .75rem; margin: 0 0 1rem; }
          .notice { background: #fff; border: 1px solid #e3e8ee; border-radius: .5rem; padding: 1rem; }
          button { width: 100%; margin-top: 1.25rem; font: inherit; font-weight: 600; color: #fff; background: #635bff; border: 0; border-radius: .375rem; padding: .75rem; cursor: pointer; }
          a { color: #533afd; }
          .back { display: inline-block; margin-bottom: .5rem; }
        </style>
        </head>
        <body>
        <main>
        <span class="test-mode">TEST MODE</span>
        {{body}}
        </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8, statusCode);

    /// <summary>A labelled input with its error (announced through aria-describedby) when it has one.</summary>
    public static string Field(string id, string label, string value, string? error, string attributes, string? hint = null)
    {
        var describedBy = string.Join(' ', new[] { error is null ? null : id + "-error", hint is null ? null : id + "-hint" }.Where(part => part is not null));
        return $"""
            <label for="{id}">{Encode(label)}</label>
            <input id="{id}" name="{id}" value="{Encode(value)}" {attributes}{(error is null ? "" : " aria-invalid=\"true\"")}{(describedBy.Length == 0 ? "" : $" aria-describedby=\"{describedBy}\"")}>
            {(hint is null ? "" : $"<p class=\"hint\" id=\"{id}-hint\">{Encode(hint)}</p>")}
            {(error is null ? "" : $"<p class=\"field-error\" id=\"{id}-error\">{Encode(error)}</p>")}
            """;
    }
}
