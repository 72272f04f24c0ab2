using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The fingerprint that tells a retry from a different request under the same <c>Idempotency-Key</c>: SHA-256 hex of
/// method, path, query and the body in canonical JSON (keys sorted, no white space), so re-serialising the same JSON
/// on retry does not turn a retry into a "different request". A body that is not JSON is taken byte for byte.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Reads the body (leaving it readable for the endpoint) and fingerprints the request.</summary>
    public static async Task<string> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Read once into memory and handed on as it is: the body is needed whole for the fingerprint anyway, so the
        // framework's file-backed buffering would only copy it again. Sized from a declared length only within the
        // limit Kestrel enforces while reading, so a false header cannot make it allocate more.
        var body = new MemoryStream(request.ContentLength is > 0 and <= RequestBodyLimit.Bytes ? (int)request.ContentLength : 0);
        await request.Body.CopyToAsync(body, cancellationToken);
        var length = (int)body.Length;
        request.Body = new MemoryStream(body.GetBuffer(), 0, length, writable: false);
        return Compute(request.Method, request.PathBase.Add(request.Path).Value ?? "/", request.QueryString.Value ?? "", body.GetBuffer().AsSpan(0, length));
    }

    /// <summary>The fingerprint of a request given by its parts.</summary>
    public static string Compute(string method, string path, string query, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n{query}\n"));
        sha.AppendData(Canonicalize(body));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The body as canonical JSON, or unchanged when it is empty or not JSON.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(writer, document.RootElement);
            }

            return output.ToArray();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or text no writer may write (RequestTextGuard refuses it first): taken byte for byte.
            return body.ToArray();
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
