using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Serialization.Metadata;

namespace WebMacs.AspNetCore.Http;

/// <summary>Success bodies of the contract: <c>{"status":"success","message":…}</c> and JSON entities.</summary>
internal static class Replies
{
    public static JsonHttpResult<StatusResponse> Ok(string message) =>
        TypedResults.Json(StatusResponse.Success(message), WebMacsJsonContext.Web.StatusResponse);

    public static JsonHttpResult<StatusResponse> Created(string message) =>
        TypedResults.Json(StatusResponse.Success(message), WebMacsJsonContext.Web.StatusResponse, statusCode: StatusCodes.Status201Created);

    public static JsonHttpResult<T> Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Json(value, typeInfo, statusCode: statusCode);
}
