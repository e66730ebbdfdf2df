using System.Buffers.Binary;
using System.Globalization;

namespace FsMount.WinFsp;

/// <summary>
/// The one security descriptor every file and folder of the mount shows (the service keeps none),
/// in self-relative binary form: owned by the mounting user, with a protected DACL granting full
/// access to that user and to SYSTEM, and to everyone with <c>--allow-other</c>. Built here rather
/// than through advapi32's SDDL parser so it can be checked on any platform; it is what
/// <c>O:{user}G:{user}D:P(A;;FA;;;{user})(A;;FA;;;SY)</c> denotes.
/// </summary>
internal static class SecurityDescriptor
{
    public const string LocalSystem = "S-1-5-18";
    public const string Everyone = "S-1-1-0";

    private const byte Revision = 1;
    private const ushort SelfRelative = 0x8000;
    private const ushort DaclPresent = 0x0004;
    private const ushort DaclProtected = 0x1000;
    private const int HeaderSize = 20;
    private const byte AclRevision = 2;
    private const int AclHeaderSize = 8;
    private const byte AccessAllowedAceType = 0;
    private const int AceHeaderSize = 8;
    private const uint FileAllAccess = 0x001F01FF;

    /// <param name="userSid">The mounting user's SID in its string form (<c>S-1-5-21-...</c>).</param>
    public static byte[] For(string userSid, bool everyone)
    {
        var user = Sid(userSid);
        string[] trustees = everyone ? [userSid, LocalSystem, Everyone] : [userSid, LocalSystem];
        var aces = trustees.Select(Sid).ToArray();
        var aclSize = AclHeaderSize + aces.Sum(sid => AceHeaderSize + sid.Length);
        var descriptor = new byte[HeaderSize + (2 * user.Length) + aclSize];
        var span = descriptor.AsSpan();

        var owner = HeaderSize;
        var group = owner + user.Length;
        var dacl = group + user.Length;
        span[0] = Revision;
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], SelfRelative | DaclPresent | DaclProtected);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], owner);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], group);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], dacl);
        user.CopyTo(span[owner..]);
        user.CopyTo(span[group..]);

        span[dacl] = AclRevision;
        BinaryPrimitives.WriteUInt16LittleEndian(span[(dacl + 2)..], (ushort)aclSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(dacl + 4)..], (ushort)aces.Length);
        var ace = dacl + AclHeaderSize;
        foreach (var sid in aces)
        {
            span[ace] = AccessAllowedAceType;
            BinaryPrimitives.WriteUInt16LittleEndian(span[(ace + 2)..], (ushort)(AceHeaderSize + sid.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(span[(ace + 4)..], FileAllAccess);
            sid.CopyTo(span[(ace + AceHeaderSize)..]);
            ace += AceHeaderSize + sid.Length;
        }

        return descriptor;
    }

    /// <summary>The binary form of a SID: revision, count, a 48-bit big-endian authority, then 32-bit little-endian sub-authorities.</summary>
    public static byte[] Sid(string sid)
    {
        ArgumentNullException.ThrowIfNull(sid);
        var parts = sid.Split('-');
        if (parts.Length < 3 || parts[0] != "S" || parts[1] != "1")
        {
            throw new FormatException($"'{sid}' is not a SID");
        }

        var authority = ulong.Parse(parts[2], CultureInfo.InvariantCulture);
        var subAuthorities = parts[3..].Select(part => uint.Parse(part, CultureInfo.InvariantCulture)).ToArray();
        var binary = new byte[8 + (4 * subAuthorities.Length)];
        binary[0] = Revision;
        binary[1] = (byte)subAuthorities.Length;
        for (var i = 0; i < 6; i++)
        {
            binary[2 + i] = (byte)(authority >> (8 * (5 - i)));
        }

        for (var i = 0; i < subAuthorities.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(binary.AsSpan(8 + (4 * i)), subAuthorities[i]);
        }

        return binary;
    }
}
