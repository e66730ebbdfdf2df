using FsMount.Emulator.Hosting;
using FsMount.Emulator.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Endpoints;

/// <summary>Registers API endpoints so that the <see cref="RequestGate"/> checks them and hands them the parsed body.</summary>
internal static class RouteBuilderExtensions
{
    public static RouteHandlerBuilder MapApi(this IEndpointRouteBuilder routes, string pattern, Func<RequestBody, IResult> handler, params string[] methods)
    {
        string[] verbs = methods.Length == 0 ? [HttpMethods.Post] : methods;
        return routes.MapMethods(pattern, verbs, (HttpContext context) => handler((RequestBody)context.Items[typeof(RequestBody)]!))
            .WithMetadata(new EndpointKindMetadata(EndpointKind.Api));
    }
}
