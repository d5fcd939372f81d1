namespace SampleMind.Api.Endpoints;

/// <summary>
/// The <c>limit</c> of a listing (jobs, compute requests, sessions, a page of a library's samples): how many items one
/// answer holds, 1 to <see cref="Max"/>. The handlers answer a limit out of range with a 400; their parameters declare
/// the same bounds and default to the OpenAPI document.
/// </summary>
internal static class ListLimit
{
    public const int Max = 1000;

    public const int Default = 50;
}
