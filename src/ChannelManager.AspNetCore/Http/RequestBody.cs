using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace ChannelManager.AspNetCore.Http;

/// <summary>Reads a JSON body with the API's own serializer settings, turning every failure into a field-level error.</summary>
internal static class RequestBody
{
    public const int MaxJsonBodyBytes = 256 * 1024;

    public static async Task<(T? Value, IReadOnlyDictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Error("body", "The body must be JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxJsonBodyBytes)
        {
            return (null, Error("body", $"The body must be at most {MaxJsonBodyBytes} bytes."));
        }

        JsonDocument document;
        try
        {
            // Parse first, so that broken JSON is reported against the body and a value of the wrong type against its field.
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (null, Error("body", "Malformed JSON" + (ex.LineNumber is { } l ? $" (line {l + 1}, position {ex.BytePositionInLine + 1})" : string.Empty) + "."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Error("body", "The body must be a JSON object."));
            }

            try
            {
                var value = document.RootElement.Deserialize(typeInfo);
                return value is null ? (null, Error("body", "The body must be a JSON object.")) : (value, null);
            }
            catch (JsonException ex)
            {
                var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
                return (null, Error(field, "The value has the wrong type."));
            }
        }
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
