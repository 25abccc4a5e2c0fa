using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gongkai.Functions.Api;

/// <summary>
/// Endpoint metadata for what the generated OpenAPI document cannot infer from the response types: that the 200
/// answer is also offered as CSV (with these columns), and that a next page is announced in a <c>Link</c> header.
/// </summary>
public sealed record ResponseDescription(IReadOnlyList<string>? CsvColumns, bool Paged);

/// <summary>The query parameters a route accepts (its function reads them from the request, so they are declared here).</summary>
public sealed record QueryParametersDescription(IReadOnlyList<string> Names);

/// <summary>Adds <c>text/csv</c> and the <c>Link</c> header to the 200 responses of the routes that have them.</summary>
public sealed class ResponseDescriptionTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<QueryParametersDescription>().LastOrDefault() is { } query)
        {
            operation.Parameters ??= [];
            foreach (var name in query.Names)
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            }
        }
        var description = metadata.OfType<ResponseDescription>().LastOrDefault();
        if (description is null || operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse ok)
        {
            return Task.CompletedTask;
        }
        if (description.CsvColumns is { } columns)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "UTF-8 with a byte-order mark, RFC 4180 quoting; given for Accept: text/csv or format=csv. Header row: "
                        + string.Join(',', columns),
                },
            };
        }
        if (description.Paged)
        {
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
            ok.Headers["Link"] = new OpenApiHeader
            {
                Description = "The next page, when there is one: <relative URL with the same query and the next continuation>; rel=\"next\".",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        return Task.CompletedTask;
    }
}

/// <summary>Declares an API route's responses, so the OpenAPI document has a schema for every body it can return.</summary>
public static class ResponseDescriptionExtensions
{
    /// <param name="csvColumns">The CSV header row when the route also answers in CSV.</param>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route, IReadOnlyList<string>? csvColumns = null, bool paged = false, bool notFound = false)
    {
        route.Produces<T>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (notFound)
        {
            route.ProducesProblem(StatusCodes.Status404NotFound);
        }
        return route.WithMetadata(new ResponseDescription(csvColumns, paged));
    }

    public static RouteHandlerBuilder Query(this RouteHandlerBuilder route, params string[] names) =>
        route.WithMetadata(new QueryParametersDescription(names));
}
