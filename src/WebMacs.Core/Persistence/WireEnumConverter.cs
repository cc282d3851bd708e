using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WebMacs.Domain;

namespace WebMacs.Persistence;

/// <summary>Stores an enum as its WebMACS wire string.</summary>
internal sealed class WireEnumConverter<T>() : ValueConverter<T, string>(v => WireEnum<T>.ToWire(v), v => WireEnum<T>.Parse(v))
    where T : struct, Enum;
