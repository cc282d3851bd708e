using Microsoft.AspNetCore.Http;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>The paths WebMacs serves; the edge middleware leaves every other path of the host alone.</summary>
internal static class WebMacsPaths
{
    public static readonly PathString Api = "/api";
    public static readonly PathString ApiV1 = "/api/v1";
    public static readonly PathString Health = "/health";
    public static readonly PathString WebSockets = "/ws";
    public static readonly PathString Ota = "/api/v1/ota";
    public static readonly PathString Datapoints = "/api/v1/datapoints";

    public static bool IsWebMacs(PathString path) =>
        path.StartsWithSegments(Api) || path.StartsWithSegments(Health) || path.StartsWithSegments(WebSockets);
}
