using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Functions.Api;

/// <summary>
/// Maps each HTTP function as an ASP.NET Core endpoint at the route its <c>[HttpTrigger]</c> declares, calling the
/// function method on the instance DI gives: the local host serves the API this way, and the OpenAPI document is
/// described from the same endpoints. Route parameters bind by name, as the worker binds them from trigger data.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static IReadOnlyDictionary<string, RouteHandlerBuilder> Map(IEndpointRouteBuilder endpoints, IEnumerable<HttpRoute> routes, IServiceProvider functionServices)
    {
        var mapped = new Dictionary<string, RouteHandlerBuilder>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var method = route.Function.Method;
            var delegateType = Expression.GetDelegateType([.. method.GetParameters().Select(p => p.ParameterType), method.ReturnType]);
            var handler = method.CreateDelegate(delegateType, functionServices.GetRequiredService(route.Function.Type));
            mapped[route.Function.Name] = endpoints.MapMethods(route.Template, route.Methods, handler).WithName(route.Function.Name);
        }
        return mapped;
    }
}
