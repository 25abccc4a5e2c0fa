using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>
/// A queue over the Queue service REST API. Message text is sent base64-encoded (UTF-8), the encoding the Functions
/// host's queue trigger expects by default.
/// </summary>
public sealed class QueueClient
{
    /// <summary>The service's limit on an (encoded) message.</summary>
    public const int MaxEncodedMessageBytes = 64 * 1024;

    private readonly HttpPipeline _pipeline;

    internal QueueClient(HttpPipeline pipeline, Uri uri, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the queue; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = StorageMessage.Create(_pipeline, StorageService.Queue, RequestMethod.Put, Uri);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var error = await StorageMessage.CreateExceptionAsync(message, cancellationToken).ConfigureAwait(false);
            return error.ErrorCode == "QueueAlreadyExists" ? false : throw error;
        }

        return response.Status == 201;
    }

    /// <summary>Deletes the queue; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = StorageMessage.Create(_pipeline, StorageService.Queue, RequestMethod.Delete, Uri);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>The approximate number of messages in the queue.</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = StorageMessage.Create(_pipeline, StorageService.Queue, RequestMethod.Get, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count) && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>Adds a message, invisible for <paramref name="visibilityDelay"/> and kept for <paramref name="timeToLive"/>
    /// (seven days by default; <see cref="Timeout.InfiniteTimeSpan"/> for never expiring).</summary>
    public async Task<SentMessage> SendMessageAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        if (encoded.Length > MaxEncodedMessageBytes)
        {
            throw new ArgumentException($"The message is {encoded.Length:N0} bytes once base64-encoded; a queue message is at most {MaxEncodedMessageBytes:N0}.", nameof(text));
        }

        using var message = CreateMessagesMessage(RequestMethod.Post, null);
        if (visibilityDelay is { } delay)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(delay, nameof(visibilityDelay), allowZero: true));
        }

        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl, nameof(timeToLive), allowZero: false, upToSevenDays: false));
        }

        var body = new XElement("QueueMessage", new XElement("MessageText", encoded)).ToString(SaveOptions.DisableFormatting);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201).ConfigureAwait(false);
        var item = (await ReadMessagesAsync(response, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            ?? throw new StorageRequestFailedException(response.Status, null, null, $"Put Message on queue '{Name}' returned no message.");
        return new SentMessage(
            Required(item, "MessageId"),
            Required(item, "PopReceipt"),
            Date(item, "InsertionTime"),
            Date(item, "ExpirationTime"),
            Date(item, "TimeNextVisible"));
    }

    /// <summary>Receives up to <paramref name="max"/> (1–32) messages, hiding them for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 32);
        using var message = CreateMessagesMessage(RequestMethod.Get, null);
        message.Request.Uri.AppendQuery("numofmessages", max.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, nameof(visibilityTimeout), allowZero: false));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
        return (await ReadMessagesAsync(response, cancellationToken).ConfigureAwait(false))
            .Select(item => new QueueMessage(
                Required(item, "MessageId"),
                Required(item, "PopReceipt"),
                DecodeText(item.Element("MessageText")?.Value ?? string.Empty),
                long.TryParse(item.Element("DequeueCount")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0,
                Date(item, "InsertionTime"),
                Date(item, "ExpirationTime"),
                Date(item, "TimeNextVisible")))
            .ToList();
    }

    /// <summary>Changes how long a received message stays invisible; returns the new pop receipt.</summary>
    public async Task<string> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessagesMessage(RequestMethod.Put, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, nameof(visibilityTimeout), allowZero: true));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-popreceipt", out var receipt)
            ? receipt
            : throw new StorageRequestFailedException(response.Status, null, null, $"Update Message on queue '{Name}' returned no x-ms-popreceipt.");
    }

    /// <summary>Deletes a received message (its pop receipt proves the caller still holds it).</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessagesMessage(RequestMethod.Delete, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204).ConfigureAwait(false);
    }

    // Messages written by other tools may be plain text; those are returned as they are rather than lost.
    private static string DecodeText(string wire)
    {
        var bytes = new byte[(wire.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(wire, bytes, out var written))
        {
            return wire;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return wire;
        }
    }

    private static string Seconds(TimeSpan value, string name, bool allowZero, bool upToSevenDays = true)
    {
        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        var minimum = allowZero ? 0 : 1;
        if (seconds < minimum || (upToSevenDays && value > TimeSpan.FromDays(7)))
        {
            throw new ArgumentOutOfRangeException(name, value, upToSevenDays
                ? $"{name} must be between {minimum} second(s) and 7 days."
                : $"{name} must be at least {minimum} second(s).");
        }

        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<List<XElement>> ReadMessagesAsync(Response response, CancellationToken cancellationToken)
    {
        var document = await XDocument.LoadAsync(response.ContentStream!, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        return document.Root?.Elements("QueueMessage").ToList() ?? [];
    }

    private static string Required(XElement item, string name) =>
        item.Element(name)?.Value ?? throw new StorageRequestFailedException(200, null, null, $"A queue message in the response has no {name}.");

    private static DateTimeOffset Date(XElement item, string name) =>
        DateTimeOffset.TryParse(item.Element(name)?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : DateTimeOffset.MinValue;

    private HttpMessage CreateMessagesMessage(RequestMethod method, string? messageId)
    {
        var message = StorageMessage.Create(_pipeline, StorageService.Queue, method, Uri);
        message.Request.Uri.AppendPath("/messages", escape: false);
        if (messageId is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(messageId);
            message.Request.Uri.AppendPath("/" + Uri.EscapeDataString(messageId), escape: false);
        }

        return message;
    }
}
