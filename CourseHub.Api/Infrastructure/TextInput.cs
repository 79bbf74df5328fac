using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CourseHub.Api.Infrastructure;

/// <summary>
/// The characters no text field takes. Everywhere: control characters (C0, DEL, C1; PostgreSQL refuses NUL in text)
/// and unpaired surrogates. Outside free text (Markdown, descriptions, bios, reasons, quiz prompts and explanations),
/// also line breaks and tabs, and the invisible characters that disguise text: bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) and zero-width characters (U+200B–U+200D, U+2060, U+FEFF). Secrets (passwords,
/// tokens, codes) are never shown, so only the control characters count there.
/// </summary>
public static class TextInput
{
    public enum Kind
    {
        /// <summary>A single-line value shown to people: names, titles, slugs, emails.</summary>
        Line,
        /// <summary>Multi-line text: <c>\t</c>, <c>\n</c> and <c>\r</c> allowed, and invisible formatting (it is rendered, not compared).</summary>
        FreeText,
        /// <summary>A password or token: never shown, so any printable character is allowed.</summary>
        Secret,
    }

    private static readonly HashSet<string> FreeTextFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "description", "bio", "markdown", "textMarkdown", "bodyMarkdown", "reason", "prompt", "explanation", "note",
    };

    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "currentPassword", "newPassword", "token", "refreshToken", "code", "twoFactorCode",
    };

    /// <summary>The kind of the field at a JSON path such as <c>questions[0].prompt</c> (judged by its last name).</summary>
    public static Kind KindOf(string path)
    {
        if (path == "text")
        {
            // A body's top-level text is a message people write (a review, a reply); nested ones are quiz options and answers.
            return Kind.FreeText;
        }
        var name = path[(path.LastIndexOf('.') + 1)..];
        var bracket = name.IndexOf('[');
        name = bracket >= 0 ? name[..bracket] : name;
        return FreeTextFields.Contains(name) ? Kind.FreeText : SecretFields.Contains(name) ? Kind.Secret : Kind.Line;
    }

    /// <summary>Why <paramref name="value"/> is refused for a field of <paramref name="kind"/>, or null when it is fine.</summary>
    public static string? Problem(string value, Kind kind)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return "This text contains an invalid character (an unpaired surrogate).";
            }
            if (char.IsControl(c) && !(c is '\t' or '\n' or '\r' && kind != Kind.Line))
            {
                return c is '\t' or '\n' or '\r'
                    ? "Line breaks and tabs are not allowed here."
                    : $"Control characters (such as U+{(int)c:X4}) are not allowed.";
            }
            if (kind == Kind.Line && IsInvisibleFormatting(c))
            {
                return $"Invisible direction or zero-width characters (such as U+{(int)c:X4}) are not allowed here.";
            }
        }
        return null;
    }

    /// <summary>Bidirectional embeddings, overrides and isolates, and zero-width characters.</summary>
    public static bool IsInvisibleFormatting(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or (>= '\u200B' and <= '\u200F') or '\u2060' or '\uFEFF' or '\u061C';

    /// <summary>
    /// Refuses, before any handler runs, a request whose route values, query string or bound body (records and lists of them,
    /// at any depth) holds a string <see cref="Problem"/> refuses: a 400 naming every such field by its JSON path.
    /// </summary>
    public static TBuilder RefuseUnsafeText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices.GetService<IServiceProviderIsService>();
            var checkedArguments = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => p.parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromServicesAttribute>() is null
                            && p.parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is null
                            && !(services?.IsService(p.parameter.ParameterType) ?? false)
                            && IsWalked(p.parameter.ParameterType))
                .Select(p => (p.index, Name: p.parameter.ParameterType == typeof(string) ? JsonName(p.parameter.Name ?? "") : ""))
                .ToArray();
            return async context =>
            {
                var errors = new Dictionary<string, string>();
                foreach (var (key, values) in context.HttpContext.Request.Query)
                {
                    foreach (var value in values)
                    {
                        Check(value ?? "", key, errors);
                    }
                }
                foreach (var (key, value) in context.HttpContext.Request.RouteValues)
                {
                    if (value is string text)
                    {
                        Check(text, key, errors);
                    }
                }
                foreach (var (index, name) in checkedArguments)
                {
                    if (index < context.Arguments.Count)
                    {
                        Walk(context.Arguments[index], name, errors, depth: 0);
                    }
                }
                if (errors.Count > 0)
                {
                    throw Refusal.Invalid(errors, "unsafe-text");
                }
                return await next(context);
            };
        });
        return builder;
    }

    /// <summary>Checks the value and records the problem under <paramref name="path"/> (the first one per field).</summary>
    public static void Check(string value, string path, IDictionary<string, string> errors)
    {
        if (Problem(value, KindOf(path)) is { } problem)
        {
            errors.TryAdd(path.Length == 0 ? "body" : path, problem);
        }
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> Properties = new();

    private static bool IsWalked(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return true;
        }
        if (type.IsPrimitive || type.IsEnum || type.IsValueType || typeof(HttpContext).IsAssignableFrom(type) || type == typeof(HttpRequest)
            || typeof(Stream).IsAssignableFrom(type))
        {
            return false;
        }
        var element = ElementType(type) ?? type;
        return element == typeof(string) || element.Namespace?.StartsWith("CourseHub", StringComparison.Ordinal) == true;
    }

    private static Type? ElementType(Type type) => type.IsArray
        ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static void Walk(object? value, string path, Dictionary<string, string> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                Check(text, path, errors);
                return;
            case IEnumerable items when depth < 8:
                var i = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{i++}]", errors, depth + 1);
                }
                return;
        }
        var type = value.GetType();
        if (depth >= 8 || type.IsValueType || type.Namespace?.StartsWith("CourseHub", StringComparison.Ordinal) != true)
        {
            return;
        }
        foreach (var (property, name) in Properties.GetOrAdd(type, PropertiesOf))
        {
            Walk(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
        }
    }

    private static (PropertyInfo, string)[] PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanRead && property.GetIndexParameters().Length == 0
                               && property.GetCustomAttribute<JsonIgnoreAttribute>() is null && property.Name != "EqualityContract")
            .Select(property => (property, property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonName(property.Name)))
            .ToArray();

    private static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
