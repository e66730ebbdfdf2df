using System.Reflection;

namespace FsMount.Fuse.Tests;

/// <summary>Only the bridge (and the public entry point that wires it) may know FsMount.Core.</summary>
public sealed class LayeringTests
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Theory]
    [InlineData("FsMount.Fuse.Protocol")]
    [InlineData("FsMount.Fuse.Dispatch")]
    [InlineData("FsMount.Fuse.Transport")]
    [InlineData("FsMount.Fuse.Native")]
    public void Protocol_dispatch_and_transport_do_not_use_the_core(string layer)
    {
        var types = typeof(FuseMount).Assembly.GetTypes().Where(type => type.Namespace == layer).ToList();
        Assert.NotEmpty(types);

        // Nested types include the state machines and closures of async methods and lambdas.
        var offenders = types
            .SelectMany(type => UsedTypes(type).Select(used => (type, used)))
            .Where(pair => pair.used.Assembly.GetName().Name == "FsMount.Core")
            .Select(pair => $"{pair.type.FullName} uses {pair.used.FullName}")
            .Distinct();

        Assert.Empty(offenders);
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(Everything).Select(field => field.FieldType));
        direct.AddRange(type.GetProperties(Everything).Select(property => property.PropertyType));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            direct.AddRange(method.GetParameters().Select(parameter => parameter.ParameterType));
            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(local => local.LocalType) ?? []);
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
        }

        return direct.OfType<Type>().SelectMany(Expand)
            .Concat(type.GetNestedTypes(Everything).SelectMany(UsedTypes));
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var element in Expand(type.GetElementType()!))
            {
                yield return element;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }
}
