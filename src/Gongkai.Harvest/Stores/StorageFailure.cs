using Azure;

namespace Gongkai.Harvest.Stores;

/// <summary>
/// Tells a failed storage call from a bug. The SDKs throw <see cref="RequestFailedException"/> for an error answer or a
/// transport failure, and, once every retry of a transport failure has failed, an <see cref="AggregateException"/> of
/// those attempts: both mean "storage did not do it", which callers record and retry rather than crash on.
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => e is RequestFailedException or HttpRequestException or IOException),
        _ => false,
    };

    /// <summary>What an operator reads: the status and error code, or that storage could not be reached.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } e => $"storage {e.Status} {e.ErrorCode}",
        _ => $"storage unreachable: {(exception as AggregateException)?.InnerExceptions[^1].Message ?? exception.Message}",
    };
}
