using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Refuses a request body whose text cannot be trusted, before anything reads it: a byte order mark, bytes that are
/// not UTF-8, a JSON string escaping half of a UTF-16 surrogate pair, or an invisible formatting character (Unicode
/// category Cf: bidirectional overrides and isolates, zero-width spaces and joiners, soft hyphens) in any string. The
/// first three are 400 <c>malformed-request</c>; the last is 400 <c>validation-failed</c> naming the field, so a name
/// can never be printed on a statement or poster reading other than it is stored. Runs after authorization (a refused
/// request is never read) and before the idempotency fingerprint, so both paths see the same verdict.
/// </summary>
internal sealed class RequestTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method))
        {
            await next(http);
            return;
        }

        // The whole body, once, within the limit Kestrel enforces while reading; handed on from memory.
        var buffer = new MemoryStream(request.ContentLength is > 0 and <= RequestBodyLimit.Bytes ? (int)request.ContentLength : 0);
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (Check(body.Span) is { } problem)
        {
            await problem.ExecuteAsync(http);
            return;
        }

        request.Body = new MemoryStream(buffer.GetBuffer(), 0, body.Length, writable: false);
        await next(http);
    }

    /// <summary>The problem to answer for <paramref name="body"/>, or null when its text is acceptable.</summary>
    internal static IResult? Check(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Malformed("The body starts with a byte order mark: send UTF-8 without one.");
        }

        if (!Utf8.IsValid(body))
        {
            return Malformed("The body is not valid UTF-8.");
        }

        return CheckStrings(body);
    }

    private static IResult? CheckStrings(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var field = "";
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                {
                    continue;
                }

                var text = reader.GetString() ?? "";
                if (HasLoneSurrogate(text))
                {
                    return Malformed("A string in the body escapes half of a UTF-16 surrogate pair.");
                }

                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    field = text;
                }

                if (FirstFormatCharacter(text) is { } format)
                {
                    var name = field.Length > 0 ? field : "body";
                    return Problems.Validation(new Dictionary<string, string[]>
                    {
                        [name] = [$"'{name}' holds the invisible formatting character U+{format:X4} (a direction override, zero-width or similar); type the text without it."],
                    });
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader refuses to unescape a lone surrogate (\ud800) into a string.
            return Malformed("A string in the body escapes half of a UTF-16 surrogate pair.");
        }
        catch (JsonException)
        {
            // Not JSON: the endpoint's own binding answers that with its problem.
        }

        return null;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static int? FirstFormatCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return rune.Value;
            }
        }

        return null;
    }

    private static IResult Malformed(string detail) =>
        Problems.Create(Ledger.Common.ProblemTypes.MalformedRequest, StatusCodes.Status400BadRequest, "Malformed request", detail);
}
