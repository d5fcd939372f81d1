using System.Globalization;
using SampleMind.Api.Errors;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Refuses a request whose query string names a parameter its endpoint does not take (400 problem+json naming it),
/// so that a misspelt filter (<c>?bpm_min=120</c> for <c>?bpmMin=120</c>, <c>?tags=</c> for <c>?tag=</c>) is an
/// error instead of a listing that silently ignores it. An endpoint takes the query parameters its handler binds
/// (its parameters of simple types and arrays of them; names are matched without regard to case, as binding does)
/// and those it reads itself, declared with <see cref="AcceptsQuery{TBuilder}"/>. A fractional number with a thousands
/// separator, which binding would read as another number, is refused as well, and so is a parameter of one value given
/// twice (binding joins the values with a comma: two tempo bounds became one large number).
/// </summary>
internal static class QueryParameterCheck
{
    public static TBuilder RefuseUnknownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilterFactory(Create);

    /// <summary>Declares query parameters the endpoint's handler reads from the request itself.</summary>
    public static TBuilder AcceptsQuery<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ReadQueryParameters(names));

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var bound = context.MethodInfo.GetParameters()
            .Where(p => p.Name is not null && IsBindableFromQuery(p.ParameterType))
            .Select(p => p.Name!)
            .ToList();
        var fractional = context.MethodInfo.GetParameters()
            .Where(p => p.Name is not null && IsFractional(p.ParameterType))
            .Select(p => p.Name!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var single = context.MethodInfo.GetParameters()
            .Where(p => p.Name is not null && IsBindableFromQuery(p.ParameterType) && !p.ParameterType.IsArray)
            .Select(p => p.Name!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Accepted? accepted = null; // the endpoint's, known from its first request on (a race computes it twice, alike)
        return invocation =>
        {
            var http = invocation.HttpContext;
            foreach (var key in http.Request.Query.Keys)
            {
                accepted ??= Accepted.Of(http.GetEndpoint(), bound);
                if (!accepted.Names.Contains(key))
                {
                    return ValueTask.FromResult<object?>(Problems.BadRequest(
                        $"The query parameter '{Shorten(key)}' is not one this endpoint takes (it takes: {accepted.List})."));
                }

                // Binding joins a repeated value with commas ("bpmMin=100&bpmMin=110" read as 100110).
                if (single.Contains(key) && http.Request.Query[key].Count > 1)
                {
                    return ValueTask.FromResult<object?>(Problems.BadRequest(GivenMoreThanOnce(key, http.Request.Query[key].Count)));
                }

                // Binding reads a number with thousands separators ("100,5" as 1005); a client meant something else.
                if (fractional.Contains(key) &&
                    http.Request.Query[key].FirstOrDefault(v => !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) is { } odd)
                {
                    return ValueTask.FromResult<object?>(Problems.BadRequest(
                        $"The value '{Shorten(odd)}' of '{key}' is not a number (digits, with '.' before any decimals)."));
                }
            }

            return next(invocation);
        };
    }

    /// <summary>The detail of a parameter of one value given <paramref name="count"/> times (binding's refusal of it says the same).</summary>
    public static string GivenMoreThanOnce(string key, int count) => $"The query parameter '{Shorten(key)}' is given {count} times; it takes one value.";

    private static bool IsBindableFromQuery(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        return element.IsPrimitive || element.IsEnum || element == typeof(string) || element == typeof(decimal) ||
               element == typeof(DateTimeOffset) || element == typeof(DateTime) || element == typeof(Guid) || element == typeof(TimeSpan);
    }

    private static bool IsFractional(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        return element == typeof(double) || element == typeof(float) || element == typeof(decimal);
    }

    /// <summary>Echoes at most 64 characters of a name or value the caller sent.</summary>
    private static string Shorten(string key) => key.Length <= 64 ? key : key[..64] + "…";

    private sealed record ReadQueryParameters(IReadOnlyList<string> Names);

    /// <summary>The handler's parameters bound from the query (route values bind from the path) and those it reads.</summary>
    private sealed class Accepted(HashSet<string> names)
    {
        public HashSet<string> Names { get; } = names;

        public string List { get; } = names.Count == 0 ? "none" : string.Join(", ", names.Order(StringComparer.Ordinal));

        public static Accepted Of(Endpoint? endpoint, IEnumerable<string> bound)
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name) ?? [];
            var names = new HashSet<string>(bound, StringComparer.OrdinalIgnoreCase);
            names.ExceptWith(route);
            names.UnionWith(endpoint?.Metadata.GetMetadata<ReadQueryParameters>()?.Names ?? []);
            return new Accepted(names);
        }
    }
}
