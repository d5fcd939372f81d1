using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.Win32.SafeHandles;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// The validators of an audio file the API serves (a sample's original, a compute request's output) and the request
/// conditions on them (RFC 9110 §13): <c>If-Match</c> and <c>If-Unmodified-Since</c> that fail are a 412 with a problem
/// body (the file result would answer it empty, and would weigh <c>If-Unmodified-Since</c> beside an <c>If-Match</c>,
/// which rules it out: both are answered here and taken off the request), and a <c>Range</c> is dropped, so the whole file is served, when its unit is not <c>bytes</c> or its <c>If-Range</c> names
/// another version of the file: a client resuming a download of a file that changed gets the new file whole instead
/// of a spliced one. <c>If-None-Match</c> and <c>If-Modified-Since</c> (304) are left to the file result, which gets
/// the same validators.
/// </summary>
internal sealed class AudioFileConditions
{
    private readonly bool _modifiedOnASecond;

    private AudioFileConditions(long length, DateTimeOffset modified)
    {
        Length = length;
        LastModified = modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond));
        _modifiedOnASecond = LastModified == modified;
        // Length and modification time to the file system's 100 ns (not the HTTP date's whole seconds): a file rewritten
        // within the second it was served in gets another tag.
        ETag = new EntityTagHeaderValue($"\"{length:x}-{modified.UtcTicks:x}\"");
    }

    public long Length { get; }

    /// <summary>The file's modification time, to whole seconds (what an HTTP date carries).</summary>
    public DateTimeOffset LastModified { get; }

    public EntityTagHeaderValue ETag { get; }

    /// <summary>
    /// Answers a request for the open <paramref name="file"/>, which it takes and closes: a 412 or 416 with a problem body,
    /// else the file (whole, or the one byte range asked for; headers only for HEAD) with its validators.
    /// </summary>
    public static Results<FileStreamHttpResult, ProblemHttpResult> Serve(HttpContext context, SafeFileHandle file, string contentType)
    {
        var conditions = Of(file);
        if (conditions.PreconditionFails(context.Request))
        {
            file.Dispose();
            return Problems.PreconditionFailed("The file is not the version If-Match or If-Unmodified-Since names.");
        }

        // Answered: the file result would check both again, each on its own, where If-Match rules out If-Unmodified-Since,
        // and answer a failure with an empty 412 of its own.
        context.Request.Headers.Remove(HeaderNames.IfMatch);
        context.Request.Headers.Remove(HeaderNames.IfUnmodifiedSince);
        conditions.DropRangeUnlessItApplies(context.Request);
        // A 304 comes before a Range is looked at (RFC 9110 §13.2.2): a client that has this version gets it, whatever range
        // it asks for; the file result answers it.
        if (!conditions.NotModified(context.Request) && UnsatisfiableRange(context.Request, conditions.Length) is { } range)
        {
            file.Dispose();
            context.Response.Headers.ContentRange = $"bytes */{conditions.Length}";
            return Problems.RangeNotSatisfiable($"The range '{range}' lies outside the file's {conditions.Length} bytes.");
        }

        return TypedResults.File(new FileStream(file, FileAccess.Read, bufferSize: 0), contentType,
            lastModified: conditions.LastModified, entityTag: conditions.ETag, enableRangeProcessing: true);
    }

    public static AudioFileConditions Of(SafeFileHandle file) =>
        new(RandomAccess.GetLength(file), new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));

    /// <summary>
    /// True when <c>If-Match</c> or, without it, <c>If-Unmodified-Since</c> rules the request out (RFC 9110 §13.2.2). An
    /// <c>If-Match</c> that does not parse (an unquoted tag, a bare word) names no version, so it matches none.
    /// </summary>
    public bool PreconditionFails(HttpRequest request)
    {
        var headers = request.GetTypedHeaders();
        if (request.Headers.IfMatch.Count > 0)
        {
            return !headers.IfMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ETag, useStrongComparison: true));
        }

        return headers.IfUnmodifiedSince is { } since && LastModified > since;
    }

    /// <summary>
    /// True when a GET or HEAD names this version by <c>If-None-Match</c> (weak comparison) or, without it, by an
    /// <c>If-Modified-Since</c> not before the file's modification time: the answer is a 304 (RFC 9110 §13.1.2-3).
    /// </summary>
    public bool NotModified(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var headers = request.GetTypedHeaders();
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            return headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ETag, useStrongComparison: false));
        }

        return headers.IfModifiedSince is { } since && LastModified <= since;
    }

    /// <summary>
    /// The request's single byte range when none of it lies inside <paramref name="length"/> bytes (a first byte at or
    /// past the end, an empty suffix), which the file result would answer with an empty 416; null for a range it
    /// serves, and for a header it ignores (unparsable, several ranges: the whole file, as RFC 9110 allows).
    /// </summary>
    private static string? UnsatisfiableRange(HttpRequest request, long length)
    {
        var header = request.Headers.Range;
        if (header.Count != 1 || !RangeHeaderValue.TryParse(header[0], out var parsed) ||
            !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
        {
            return null;
        }

        var range = parsed.Ranges.Single();
        var satisfiable = range.From is { } from ? from < length : range.To is > 0 && length > 0;
        return satisfiable ? null : header[0];
    }

    /// <summary>Removes a <c>Range</c> header the file must be served whole for: another unit, or a failed <c>If-Range</c>.</summary>
    public void DropRangeUnlessItApplies(HttpRequest request)
    {
        if (request.Headers.Range.Count == 0)
        {
            return;
        }

        var headers = request.GetTypedHeaders();
        var otherUnit = headers.Range is { } range && !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase);
        // An If-Range that is neither one entity tag nor a date (an unquoted tag, a list, "*") validates nothing: whole file.
        // A date validates only a file modified on a whole second: an HTTP date cannot tell apart two versions written
        // within one second, and file systems stamp writes to the nanosecond (RFC 9110 §13.1.5: a date is a weak
        // validator unless it is known to be strong).
        var otherVersion = request.Headers.IfRange.Count > 0 && (headers.IfRange is not { } ifRange || (ifRange.EntityTag is { } tag
            ? !tag.Compare(ETag, useStrongComparison: true)
            : ifRange.LastModified != LastModified || !_modifiedOnASecond));
        if (otherUnit || otherVersion)
        {
            request.Headers.Remove(HeaderNames.Range);
        }
    }
}
