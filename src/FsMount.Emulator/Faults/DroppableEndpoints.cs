using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing;

namespace FsMount.Emulator.Faults;

/// <summary>The endpoints that change the account, whose answers <see cref="EmulatorFaults.DropResponseRate"/> may drop.</summary>
internal static class DroppableEndpoints
{
    public static readonly FrozenSet<string> Names = new[]
    {
        "folder/mkdir.cgi", "folder/rm.cgi", "folder/mv.cgi", "file/mv.cgi", "file/rename.cgi", "file/cp.cgi", "file/rm.cgi",
        "file/chattr.cgi", "upload.cgi", "remote/request.cgi",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The droppable endpoint a request was routed to, by the name tests and options use; null for any other.</summary>
    public static string? NameOf(HttpContext context)
    {
        string? pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (pattern is null)
        {
            return null;
        }

        string name = pattern.StartsWith("/v1/", StringComparison.Ordinal) ? pattern[4..] : pattern.TrimStart('/');
        return Names.Contains(name) ? name : null;
    }
}
