using Microsoft.AspNetCore.Http.Metadata;

namespace SampleMind.Api;

/// <summary>
/// <c>HEAD</c> on the GET endpoints (RFC 9110 §9.3.2: the GET's status and headers, no body): <c>curl -I</c>, load
/// balancers' and uptime checks' probes. The GET handler runs as it is, writing into a stream that counts the bytes and
/// keeps none, so that the answer's <c>Content-Length</c> is the GET body's. Event streams (<c>text/event-stream</c>)
/// are left out: their GET does not end. Endpoints that answer HEAD themselves (the audio files, which send a file's
/// headers without reading it) keep their own. The OpenAPI document lists the GETs only.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Lets the GET endpoints of <paramref name="builder"/> (a group's too) answer HEAD.</summary>
    public static TBuilder AnswersHead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is not { } methods
                || !methods.HttpMethods.Contains(HttpMethods.Get) || methods.HttpMethods.Contains(HttpMethods.Head)
                || endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.ContentTypes.Contains("text/event-stream")))
            {
                return;
            }

            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            endpoint.Metadata.Add(AnsweredLikeGet.Instance);
        });
        return builder;
    }

    /// <summary>Whether an API description is a HEAD that <see cref="AnswersHead{TBuilder}"/> added (left out of the document).</summary>
    public static bool IsAddedHead(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        HttpMethods.IsHead(description.HttpMethod ?? "") && description.ActionDescriptor.EndpointMetadata.Contains(AnsweredLikeGet.Instance);

    /// <summary>Runs a HEAD of such an endpoint as its GET, with the body counted for Content-Length and dropped.</summary>
    public static IApplicationBuilder UseHeadAnswers(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<AnsweredLikeGet>() is null)
            {
                await next(context);
                return;
            }

            var body = context.Response.Body;
            var counter = new CountingStream();
            context.Response.Body = counter;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
            }

            if (!context.Response.HasStarted && context.Response.ContentLength is null)
            {
                context.Response.ContentLength = counter.Length;
            }
        });

    private sealed class AnsweredLikeGet
    {
        public static readonly AnsweredLikeGet Instance = new();
    }

    /// <summary>A write-only stream that keeps nothing and counts what was written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
