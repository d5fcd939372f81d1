using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// A large body that stops coming half-way (a client gone quiet, not gone): a read that gets nothing for
/// <c>Api:BodyIdleTimeout</c> is a 408 problem naming the setting. Before, Kestrel's minimum data rate, which averages over
/// the whole body, let such an upload hold its request and its spool for as long as the client kept the connection.
/// </summary>
public sealed class UploadStallTests
{
    [Fact]
    public async Task A_body_that_goes_quiet_fails_its_read_with_a_408_naming_the_setting_and_one_that_keeps_coming_is_read_whole()
    {
        var pipe = new Pipe();
        using var body = new IdleBodyStream(pipe.Reader.AsStream(), TimeSpan.FromMilliseconds(300));
        var buffer = new byte[16];

        await pipe.Writer.WriteAsync("first"u8.ToArray());
        Assert.Equal(5, await body.ReadAsync(buffer));
        await pipe.Writer.WriteAsync("second"u8.ToArray());
        Assert.Equal(6, await body.ReadAsync(buffer));

        var stalled = await Assert.ThrowsAsync<BadHttpRequestException>(async () => Assert.Equal(0, await body.ReadAsync(buffer)));
        Assert.Equal(StatusCodes.Status408RequestTimeout, stalled.StatusCode);
        Assert.Contains("nothing came for 0.3 s (Api:BodyIdleTimeout)", stalled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_the_request_itself_cancels_is_a_cancellation_not_a_408()
    {
        var pipe = new Pipe();
        using var body = new IdleBodyStream(pipe.Reader.AsStream(), TimeSpan.FromMinutes(1));
        using var aborted = new CancellationTokenSource();

        var read = body.ReadAsync(new byte[16], aborted.Token).AsTask();
        await aborted.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.IsNotType<BadHttpRequestException>(error);
    }

    [Fact]
    public async Task The_408_is_answered_as_a_request_timeout_problem_with_its_reason()
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        var handler = new ProblemExceptionHandler(NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, new BadHttpRequestException("The request body stopped.", StatusCodes.Status408RequestTimeout), default));

        Assert.Equal(StatusCodes.Status408RequestTimeout, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = System.Text.Json.Nodes.JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("https://samplemind.dev/problems/request-timeout", problem["type"]!.GetValue<string>());
        Assert.Equal("The request body stopped.", problem["detail"]!.GetValue<string>());
    }
}
