using System.Text.Json;

namespace Gongkai.Functions.Hosting.Triggers;

/// <summary>A queue message as the host binds it: the text in Data, its bookkeeping in Metadata.</summary>
public sealed record QueueTriggerInput(string Text, string? Id, long DequeueCount, string? PopReceipt, DateTimeOffset? InsertionTime, DateTimeOffset? ExpirationTime, DateTimeOffset? NextVisibleTime)
{
    public static QueueTriggerInput FromInvocation(InvocationRequest request, string binding)
    {
        var value = request.Data(binding) ?? throw new InvalidInvocationException($"The queue binding '{binding}' is missing from Data.");
        // The host passes the message text as a JSON string; a message that is itself JSON may arrive already parsed.
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return new QueueTriggerInput(
            text,
            request.MetadataString("Id"),
            request.MetadataInt64("DequeueCount") ?? 1,
            request.MetadataString("PopReceipt"),
            request.MetadataDate("InsertionTime"),
            request.MetadataDate("ExpirationTime"),
            request.MetadataDate("NextVisibleTime"));
    }
}
