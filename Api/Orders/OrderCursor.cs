using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Api.Orders;

/// <summary>
/// An opaque position in a filtered list of orders: the last id seen, sealed to the filters it came from so a
/// cursor that was altered or is replayed with other filters is refused instead of silently skipping orders.
/// </summary>
public static class OrderCursor
{
    const byte FormatVersion = 1;
    const int IdLength = 16;
    const int SealLength = 8;
    const int Length = 1 + IdLength + SealLength;

    public static string Create(Guid lastId, string? customerId, OrderStatus? status)
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = FormatVersion;
        lastId.TryWriteBytes(bytes.Slice(1, IdLength), bigEndian: true, out _);
        Seal(bytes[..(1 + IdLength)], customerId, status).CopyTo(bytes[(1 + IdLength)..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryRead(string cursor, string? customerId, OrderStatus? status, out Guid lastId)
    {
        lastId = Guid.Empty;
        Span<byte> bytes = stackalloc byte[Length];
        if (cursor.Length != Base64Url.GetEncodedLength(Length)
            || !TryDecode(cursor, bytes)
            || bytes[0] != FormatVersion
            || !Seal(bytes[..(1 + IdLength)], customerId, status).AsSpan().SequenceEqual(bytes[(1 + IdLength)..]))
        {
            return false;
        }

        lastId = new Guid(bytes.Slice(1, IdLength), bigEndian: true);
        return true;
    }

    static bool TryDecode(string cursor, Span<byte> bytes)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(cursor, bytes, out var written) && written == Length;
        }
        catch (FormatException)
        {
            // the decoder throws rather than answer false for some malformed input
            return false;
        }
    }

    static byte[] Seal(ReadOnlySpan<byte> position, string? customerId, OrderStatus? status)
    {
        var filters = Encoding.UTF8.GetBytes($"{customerId}\n{status?.ToName()}");
        var input = new byte[position.Length + filters.Length];
        position.CopyTo(input);
        filters.CopyTo(input, position.Length);
        return SHA256.HashData(input)[..SealLength];
    }
}
