using Azure;
using Gongkai.Harvest.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Api;

/// <summary>
/// What every API function shares, in the function itself so the worker and the local host answer alike: the
/// response cache, and problem answers (<c>application/problem+json</c>) for bad parameters (400), unknown metric
/// keys (404), unreachable storage (503) and anything else that goes wrong (500, logged; no stack trace in the body).
/// </summary>
public sealed partial class ApiResponder(ResponseCache cache, ILogger<ApiResponder> logger)
{
    /// <param name="cacheable">False for answers that do not come from the records (health, the OpenAPI document).</param>
    public async Task<IResult> AnswerAsync(HttpRequest request, Func<Task<IResult>> answer, bool cacheable = true)
    {
        try
        {
            return cacheable ? await cache.GetOrReadAsync(request, answer) : await answer();
        }
        catch (ApiProblem.BadParameterException e)
        {
            return ApiProblem.BadParameter(e.Parameter, e.Message);
        }
        catch (QueryParameters.UnknownMetricException e)
        {
            return ApiProblem.NotFound(e.Message);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or TimeoutException)
        {
            LogUnavailable(logger, e, request.Method, request.Path);
            return ApiProblem.Unavailable("Storage did not answer; try again shortly.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, request.Method, request.Path);
            return ApiProblem.Failed();
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "{Method} {Path}: storage unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, PathString path);
}
