namespace Gongkai.Storage;

/// <summary>
/// A storage request that the service answered with an error, or that failed after the pipeline's retries.
/// The flags let callers branch on the common outcomes without matching strings.
/// </summary>
public sealed class StorageRequestFailedException : Exception
{
    public StorageRequestFailedException(int status, string? errorCode, string? requestId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>The HTTP status code the service returned (0 when no response was received).</summary>
    public int Status { get; }

    /// <summary>The storage error code (<c>x-ms-error-code</c>, or the code in the error body), e.g. <c>BlobNotFound</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's request id (<c>x-ms-request-id</c>), for correlating with server-side logs.</summary>
    public string? RequestId { get; }

    public bool IsNotFound => Status == 404;

    public bool IsConflict => Status == 409;

    public bool IsPreconditionFailed => Status == 412;
}
