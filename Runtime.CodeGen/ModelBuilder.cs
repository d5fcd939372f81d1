using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SampleMind.Runtime.CodeGen;

/// <summary>Reads grain interfaces and classes from symbols into value models.</summary>
internal static class ModelBuilder
{
    private const string RuntimeNamespace = "SampleMind.Runtime";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(s_typeFormat);

    public static bool IsGrainInterface(INamedTypeSymbol type, out bool isObserver)
    {
        isObserver = false;
        if (type.TypeKind != TypeKind.Interface || IsRuntimeType(type))
        {
            return false;
        }

        foreach (var baseInterface in type.AllInterfaces)
        {
            if (IsRuntimeType(baseInterface) && baseInterface.Name is "IGrainWithStringKey" or "IGrainWithGuidKey")
            {
                return true;
            }

            if (IsRuntimeType(baseInterface) && baseInterface.Name == "IGrainObserver")
            {
                isObserver = true;
            }
        }

        return isObserver;
    }

    private static bool IsRuntimeType(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() == RuntimeNamespace;

    public static InterfaceModel BuildInterface(INamedTypeSymbol type, bool isObserver)
    {
        var fullName = TypeName(type);
        var diagnostics = new List<DiagnosticInfo>();
        var methods = new List<MethodModel>();
        if (type.IsGenericType)
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedMember, type, type.Name, "(interface)", "generic grain interfaces are not supported"));
        }

        var declaringInterfaces = new[] { type }.Concat(type.AllInterfaces.Where(i => !IsRuntimeType(i)));
        foreach (var declaring in declaringInterfaces)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method)
                {
                    if (BuildMethod(method, declaring, diagnostics) is { } model)
                    {
                        methods.Add(model);
                    }
                }
                else if (member is IPropertySymbol or IEventSymbol && !member.IsStatic)
                {
                    diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedMember, member, declaring.Name, member.Name, "only methods can be grain interface members"));
                }
            }
        }

        foreach (var duplicate in methods.GroupBy(m => m.MethodId).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedMember, type, type.Name, duplicate.First().Name, "two methods have the same method id; rename one"));
        }

        return new InterfaceModel(fullName, SafeName(type), isObserver, Fnv1a(type.ToDisplayString()),
            new EquatableArray<MethodModel>(methods.ToImmutableArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutableArray()));
    }

    private static MethodModel? BuildMethod(IMethodSymbol method, INamedTypeSymbol declaring, List<DiagnosticInfo> diagnostics)
    {
        if (method.IsGenericMethod)
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedMember, method, declaring.Name, method.Name, "generic methods are not supported"));
            return null;
        }

        if (method.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedMember, method, declaring.Name, method.Name, "ref, out and in parameters are not supported"));
            return null;
        }

        var kind = Classify(method.ReturnType, out var resultType);
        if (kind is null)
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedReturnType, method, declaring.Name, method.Name, method.ReturnType.ToDisplayString()));
            return null;
        }

        var parameters = method.Parameters.Select(p => new ParameterModel(p.Name, TypeName(p.Type))).ToImmutableArray();
        var signature = method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")";
        var interleave = method.GetAttributes().Any(a => a.AttributeClass is { Name: "AlwaysInterleaveAttribute" } c && IsRuntimeType(c));
        return new MethodModel(method.Name, TypeName(declaring), kind.Value, TypeName(method.ReturnType), resultType,
            new EquatableArray<ParameterModel>(parameters), Fnv1a(signature), interleave);
    }

    private static ReturnKind? Classify(ITypeSymbol returnType, out string resultType)
    {
        resultType = "object?";
        if (returnType is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
        {
            return null;
        }

        if (named.TypeArguments.Length == 1)
        {
            resultType = TypeName(named.TypeArguments[0]);
        }

        return (named.Name, named.TypeArguments.Length) switch
        {
            ("Task", 0) => ReturnKind.Task,
            ("Task", 1) => ReturnKind.TaskOfT,
            ("ValueTask", 0) => ReturnKind.ValueTask,
            ("ValueTask", 1) => ReturnKind.ValueTaskOfT,
            _ => null,
        };
    }

    public static bool IsGrainClass(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
        {
            return false;
        }

        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (b.Name == "Grain" && IsRuntimeType(b))
            {
                return true;
            }
        }

        return false;
    }

    public static GrainClassModel BuildClass(INamedTypeSymbol type)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var attributes = type.GetAttributes();
        string? Attribute(string name) => attributes
            .FirstOrDefault(a => a.AttributeClass is { } c && c.Name == name && IsRuntimeType(c))?
            .ConstructorArguments.FirstOrDefault().Value as string;

        var grainType = Attribute("GrainTypeAttribute") ?? DefaultGrainType(type.Name);
        var reentrant = attributes.Any(a => a.AttributeClass is { Name: "ReentrantAttribute" } c && IsRuntimeType(c));
        var interfaces = type.AllInterfaces
            .Where(i => IsGrainInterface(i, out var observer) && !observer)
            .Select(TypeName).ToImmutableArray();

        var arguments = ImmutableArray<ConstructorArgument>.Empty;
        if (type.IsGenericType)
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedGrainClass, type, type.Name, "generic grain classes are not supported"));
        }
        else if (type.InstanceConstructors
                     .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
                     .OrderByDescending(c => c.Parameters.Length)
                     .FirstOrDefault() is not { } constructor)
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedGrainClass, type, type.Name, "it has no public or internal constructor"));
        }
        else
        {
            arguments = constructor.Parameters.Select(p => BuildArgument(type, p, diagnostics)).ToImmutableArray();
        }

        var collectionAge = CollectionAgeSeconds(type, attributes, diagnostics);
        return new GrainClassModel(TypeName(type), grainType, reentrant, Attribute("RolePlacementAttribute"),
            new EquatableArray<string>(interfaces),
            new EquatableArray<ConstructorArgument>(arguments), new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutableArray()),
            collectionAge);
    }

    /// <summary>The class's [CollectionAgeLimit] in seconds (its parts added up), or null without one; a total of zero or less is reported.</summary>
    private static double? CollectionAgeSeconds(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes, List<DiagnosticInfo> diagnostics)
    {
        var attribute = attributes.FirstOrDefault(a => a.AttributeClass is { Name: "CollectionAgeLimitAttribute" } c && IsRuntimeType(c));
        if (attribute is null)
        {
            return null;
        }

        double seconds = 0;
        foreach (var argument in attribute.NamedArguments)
        {
            var value = argument.Value.Value is double d ? d : 0;
            seconds += argument.Key switch
            {
                "Days" => value * 86400,
                "Hours" => value * 3600,
                "Minutes" => value * 60,
                _ => 0,
            };
        }

        if (!(seconds > 0))
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedGrainClass, type, type.Name, "[CollectionAgeLimit] must come to more than zero"));
            return null;
        }

        return seconds;
    }

    private static ConstructorArgument BuildArgument(INamedTypeSymbol grain, IParameterSymbol parameter, List<DiagnosticInfo> diagnostics)
    {
        var attribute = parameter.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass is { Name: "PersistentStateAttribute" } c && IsRuntimeType(c));
        if (attribute is null)
        {
            return new ConstructorArgument(TypeName(parameter.Type), null, null, null, false);
        }

        if (parameter.Type is not INamedTypeSymbol { Name: "IPersistentState", TypeArguments.Length: 1 } stateHandle || !IsRuntimeType(stateHandle))
        {
            diagnostics.Add(Diagnostic(GrainDiagnostics.UnsupportedGrainClass, parameter, grain.Name,
                $"[PersistentState] parameter '{parameter.Name}' must be of type IPersistentState<T>"));
            return new ConstructorArgument(TypeName(parameter.Type), null, null, null, false);
        }

        var stateType = stateHandle.TypeArguments[0];
        var args = attribute.ConstructorArguments;
        var hasDefault = stateType.IsValueType || (stateType is INamedTypeSymbol { IsAbstract: false } named &&
            named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal));
        var readOnActivation = !attribute.NamedArguments.Any(a => a.Key == "ReadOnActivation" && a.Value.Value is false);
        return new ConstructorArgument(TypeName(parameter.Type), TypeName(stateType), args[0].Value as string ?? parameter.Name,
            args.Length > 1 ? args[1].Value as string : null, hasDefault, readOnActivation);
    }

    private static string DefaultGrainType(string className)
    {
        var name = className.EndsWith("Grain", System.StringComparison.Ordinal) && className.Length > 5
            ? className.Substring(0, className.Length - 5)
            : className;
        return name.ToLowerInvariant();
    }

    public static string SafeName(ISymbol symbol)
    {
        var text = new StringBuilder();
        foreach (var c in symbol.ToDisplayString())
        {
            text.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return text.ToString();
    }

    /// <summary>FNV-1a, 32 bits, over UTF-16 code units: stable across runs and machines.</summary>
    public static int Fnv1a(string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }
    }

    private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, ISymbol symbol, params string[] arguments) =>
        new(descriptor.Id, symbol.Locations.FirstOrDefault(), new EquatableArray<string>(arguments.ToImmutableArray()));
}
