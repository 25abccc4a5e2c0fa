using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>Creates, sends and checks the messages the storage clients exchange over the shared pipeline.</summary>
internal static class StorageMessage
{
    private const string ServiceProperty = "Gongkai.Storage.Service";
    private const int MaxErrorBodyBytes = 64 * 1024;

    public static HttpMessage Create(HttpPipeline pipeline, StorageService service, RequestMethod method, Uri baseUri)
    {
        var message = pipeline.CreateMessage();
        message.SetProperty(ServiceProperty, service);
        message.Request.Method = method;
        message.Request.Uri.Reset(baseUri);
        return message;
    }

    public static StorageService GetService(HttpMessage message) =>
        message.TryGetProperty(ServiceProperty, out var value) && value is StorageService service ? service : StorageService.Blob;

    /// <summary>Sends through the pipeline (which retries transient failures) and turns a transport failure into
    /// <see cref="StorageRequestFailedException"/> with status 0.</summary>
    public static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            throw new StorageRequestFailedException(e.Status, e.ErrorCode, null, $"{Describe(message)} failed: {e.Message}", e);
        }
        catch (AggregateException e)
        {
            // The retry policy gathers every attempt's failure when it gives up.
            var last = e.InnerExceptions.LastOrDefault() ?? e;
            throw new StorageRequestFailedException(0, null, null, $"{Describe(message)} failed after {e.InnerExceptions.Count} attempts: {last.Message}", e);
        }
        catch (IOException e)
        {
            throw new StorageRequestFailedException(0, null, null, $"{Describe(message)} failed: {e.Message}", e);
        }

        return message.Response;
    }

    /// <summary>Sends and throws <see cref="StorageRequestFailedException"/> unless the status is one of <paramref name="expected"/>.</summary>
    public static async Task<Response> SendExpectingAsync(HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        var response = await SendAsync(pipeline, message, cancellationToken).ConfigureAwait(false);
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw await CreateExceptionAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    public static async Task<StorageRequestFailedException> CreateExceptionAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = message.Response;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var (bodyCode, bodyMessage) = ParseErrorBody(body);
        code ??= bodyCode;
        var text = new StringBuilder()
            .Append(Describe(message)).Append(" failed with ").Append(response.Status).Append(' ').Append(response.ReasonPhrase);
        if (code is not null)
        {
            text.Append(" (").Append(code).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(bodyMessage))
        {
            text.Append(": ").Append(bodyMessage.Split('\n')[0].Trim());
        }

        return new StorageRequestFailedException(response.Status, code, requestId, text.ToString());
    }

    /// <summary>Parses a storage error body: XML <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c> (blob, queue) or
    /// JSON <c>{"odata.error":{"code","message":{"value"}}}</c> (table).</summary>
    internal static (string? Code, string? Message) ParseErrorBody(string body)
    {
        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(trimmed);
                if (json.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    string? text = null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        text = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }

                    return (code, text);
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            // Not a storage error document (a proxy's page, say): the status line says enough.
        }

        return (null, null);
    }

    private static async Task<string> ReadErrorBodyAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is not { } stream)
        {
            return string.Empty;
        }

        var buffer = new byte[MaxErrorBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    // Method and path only: queries can carry pop receipts and continuation tokens that do not belong in messages.
    private static string Describe(HttpMessage message) =>
        $"{message.Request.Method.Method} {message.Request.Uri.ToUri().AbsolutePath}";
}
