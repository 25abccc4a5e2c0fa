using Microsoft.AspNetCore.Http;

namespace Gongkai.Functions.Api;

/// <summary>RFC 9457 problem responses (<c>application/problem+json</c>); a bad parameter is named in <c>parameter</c>.</summary>
public static class ApiProblem
{
    public static IResult BadParameter(string parameter, string detail) => Results.Problem(
        title: "Invalid parameter",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string detail) => Results.Problem(
        title: "Not found",
        detail: detail,
        statusCode: StatusCodes.Status404NotFound,
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5");

    public static IResult MethodNotAllowed(HttpContext http, IReadOnlyList<string> allowed)
    {
        http.Response.Headers.Allow = string.Join(", ", allowed);
        return Results.Problem(
            title: "Method not allowed",
            detail: $"{http.Request.Path} answers {string.Join(", ", allowed)}, not {http.Request.Method}.",
            statusCode: StatusCodes.Status405MethodNotAllowed,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.6");
    }

    public static IResult Unavailable(string detail) => Results.Problem(
        title: "Service unavailable",
        detail: detail,
        statusCode: StatusCodes.Status503ServiceUnavailable,
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.4");

    public static IResult Failed() => Results.Problem(
        title: "Internal server error",
        detail: "The request failed; the error is logged for operators.",
        statusCode: StatusCodes.Status500InternalServerError,
        type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.6.1");

    /// <summary>Thrown by parameter parsing; the endpoint filter turns it into a 400 naming the parameter.</summary>
    public sealed class BadParameterException(string parameter, string detail) : Exception(detail)
    {
        public string Parameter { get; } = parameter;
    }
}
