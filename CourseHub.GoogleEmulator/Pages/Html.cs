using System.Net;

namespace CourseHub.GoogleEmulator.Pages;

/// <summary>The authorize page's frame: one self-contained HTML document, no external assets, readable on a 390 px phone.</summary>
public static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Page(string title, string body, int statusCode = 200) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} · Google sign-in emulator</title>
        <style>
          *, *::before, *::after { box-sizing: border-box; }
          body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; background: #f1f3f4; }
          main { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #dadce0; border-radius: .5rem; }
          .test-mode { display: inline-block; background: #fce8b2; color: #5c3b00; font-size: .75rem; font-weight: 600; padding: .1rem .5rem; border-radius: .25rem; }
          h1 { font-size: 1.5rem; font-weight: 400; margin: .75rem 0 .25rem; }
          .client { color: #5f6368; margin: 0 0 1rem; word-break: break-all; }
          label { display: block; font-weight: 600; font-size: .875rem; margin: .75rem 0 .25rem; }
          input[type=email], input[type=text] { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #dadce0; border-radius: .25rem; }
          .check { display: flex; align-items: center; gap: .5rem; font-weight: 400; }
          input:focus, button:focus { outline: 3px solid #8ab4f8; outline-offset: 1px; }
          .field-error { color: #c5221f; font-size: .875rem; margin: .25rem 0 0; }
          .alert { background: #fce8e6; color: #a50e0e; border-radius: .25rem; padding: .75rem; margin: 0 0 1rem; }
          .actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1.25rem; }
          button { font: inherit; font-weight: 600; border-radius: .25rem; padding: .6rem 1.2rem; cursor: pointer; }
          .primary { color: #fff; background: #1a73e8; border: 0; }
          .secondary { color: #1a73e8; background: #fff; border: 1px solid #dadce0; }
          .accounts { list-style: none; padding: 0; margin: 0 0 1rem; border: 1px solid #dadce0; border-radius: .25rem; }
          .accounts li + li { border-top: 1px solid #dadce0; }
          .accounts button { width: 100%; text-align: left; background: #fff; border: 0; font-weight: 400; padding: .6rem .8rem; }
          .accounts small { display: block; color: #5f6368; }
        </style>
        </head>
        <body>
        <main>
        <span class="test-mode">TEST DOUBLE — not Google</span>
        {{body}}
        </main>
        </body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
