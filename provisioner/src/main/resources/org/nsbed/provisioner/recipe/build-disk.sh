#!/bin/bash
# Builds the raw disk of a recipe image from Debian packages, without mounting anything:
# MBR with syslinux's boot code, partition 1 (FAT, active) with syslinux, the distribution kernel
# and an initramfs, partition 2 (ext4, made with mkfs.ext4 -d) with a busybox root filesystem.
#
# usage: build-disk.sh RECIPE OS_NAME DISK CACHE_DIR
#   RECIPE     tiny-linux | broken-boot (the kernel starts without its initramfs, finds no root
#              device and panics)
#   OS_NAME    the name the node prints when it is up
#   DISK       the raw disk file to write
#   CACHE_DIR  where the kernel package and its extracted files are kept between builds
# NSBED_KERNEL_DEB names a linux-image-*-amd64 package file to use instead of fetching one.
set -euo pipefail

recipe=$1 os_name=$2 disk=$3 cache=$4
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/tmp}/nsbed-recipe.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in dpkg-deb mformat mcopy syslinux mkfs.ext4 sfdisk cpio gzip busybox; do
  command -v "$tool" >/dev/null || { echo "missing tool '$tool' (apt-get install busybox-static syslinux syslinux-common mtools e2fsprogs fdisk cpio)" >&2; exit 3; }
done
mbr=/usr/lib/syslinux/mbr/mbr.bin
[ -f "$mbr" ] || { echo "missing $mbr (apt-get install syslinux-common)" >&2; exit 3; }

# --- the kernel: a Debian linux-image package, fetched once into the cache
deb=${NSBED_KERNEL_DEB:-}
if [ -z "$deb" ]; then
  deb=$(ls "$cache"/linux-image-[0-9]*-amd64_*.deb 2>/dev/null | sort | tail -n 1 || true)
fi
if [ -z "$deb" ]; then
  pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
  [ -n "$pkg" ] || { echo "cannot tell which kernel package linux-image-amd64 stands for (run apt-get update)" >&2; exit 3; }
  echo "fetching $pkg" >&2
  (cd "$cache" && apt-get download "$pkg" >&2)
  deb=$(ls "$cache"/"$pkg"_*.deb | tail -n 1)
fi
kdir="$cache/$(basename "$deb" .deb)"
if [ ! -f "$kdir/done" ]; then
  rm -rf "$kdir" && mkdir -p "$kdir"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$kdir" --wildcards './boot/vmlinuz-*' \
    './lib/modules/*/kernel/drivers/virtio/virtio.ko' './lib/modules/*/kernel/drivers/virtio/virtio_ring.ko' \
    './lib/modules/*/kernel/drivers/virtio/virtio_pci*.ko' './lib/modules/*/kernel/drivers/block/virtio_blk.ko' \
    './lib/modules/*/kernel/lib/crc16.ko' './lib/modules/*/kernel/fs/mbcache.ko' './lib/modules/*/kernel/fs/jbd2/jbd2.ko' \
    './lib/modules/*/kernel/crypto/crc32c_generic.ko' './lib/modules/*/kernel/fs/ext4/ext4.ko' \
    './lib/modules/*/kernel/drivers/acpi/button.ko' './lib/modules/*/kernel/drivers/input/evdev.ko'
  touch "$kdir/done"
fi
vmlinuz=$(ls "$kdir"/boot/vmlinuz-* | head -n 1)
moddir=$(ls -d "$kdir"/lib/modules/* | head -n 1)
mod() { find "$moddir" -name "$1.ko" | head -n 1; }

# --- initramfs: load the disk and ext4 drivers, mount the root partition, switch to it
init=$work/initramfs
mkdir -p "$init"/bin "$init"/lib/modules "$init"/proc "$init"/sys "$init"/dev "$init"/newroot
cp /bin/busybox "$init"/bin/busybox
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic ext4; do
  cp "$(mod $m)" "$init"/lib/modules/
done
cat > "$init"/init <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk crc16 mbcache jbd2 crc32c_generic ext4; do
  insmod /lib/modules/$m.ko
done
i=0
while [ ! -b /dev/vda2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo "initramfs: mounting root /dev/vda2"
mount -t ext4 /dev/vda2 /newroot || { echo "initramfs: cannot mount the root filesystem"; exec sh; }
umount /proc /sys
mount --move /dev /newroot/dev
exec switch_root /newroot /sbin/init
INIT
chmod 755 "$init"/init
(cd "$init" && find . | cpio -o -H newc --quiet | gzip -9) > "$work"/initrd.gz

# --- the root filesystem
root=$work/root
mkdir -p "$root"/{bin,sbin,etc/init.d,etc/acpi/PWRF,proc,sys,dev,tmp,root,lib/modules,var/log,run}
cp /bin/busybox "$root"/bin/busybox
for applet in $(busybox --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root"/bin/"$applet"
done
ln -sf ../bin/busybox "$root"/sbin/init
for m in button evdev; do cp "$(mod $m)" "$root"/lib/modules/; done
echo "$os_name" > "$root"/etc/nsbed-os
cat > "$root"/etc/inittab <<'TAB'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:-/bin/sh
::shutdown:/etc/init.d/rcK
TAB
cat > "$root"/etc/init.d/rcS <<'RCS'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /run
mount -o remount,rw /
node=$(cat /sys/class/dmi/id/product_serial 2>/dev/null)
hostname "${node:-tiny}"
echo "nsbed-node setup: $(cat /etc/nsbed-os) on $(hostname)"
insmod /lib/modules/button.ko
insmod /lib/modules/evdev.ko
acpid -c /etc/acpi -l /var/log/acpid.log
echo "nsbed-node up: $(cat /etc/nsbed-os) ($(hostname)) (ttyS0)"
RCS
cat > "$root"/etc/init.d/rcK <<'RCK'
#!/bin/sh
echo "nsbed-node shutdown: $(hostname)"
sync
umount -a -r
RCK
printf '#!/bin/sh\npoweroff\n' > "$root"/etc/acpi/PWRF/00000080
echo 'root:x:0:0:root:/root:/bin/sh' > "$root"/etc/passwd
echo 'export PS1="\h:\w# "' > "$root"/etc/profile
chmod 755 "$root"/etc/init.d/rcS "$root"/etc/init.d/rcK "$root"/etc/acpi/PWRF/00000080

# --- partitions and disk: 1 MiB gap, 16 MiB boot (FAT16), 23 MiB root (ext4)
boot=$work/boot.img rootimg=$work/root.img
truncate -s 16M "$boot"
mformat -i "$boot" -v NSBEDBOOT -T 32768 -h 64 -s 32 ::
# No SERIAL line: SeaBIOS already mirrors the screen, bootloader included, onto the serial port.
cat > "$work"/syslinux.cfg <<CFG
PROMPT 0
TIMEOUT 0
DEFAULT linux
LABEL linux
  KERNEL /vmlinuz
$( [ "$recipe" = broken-boot ] || echo "  INITRD /initrd.gz" )
$( [ "$recipe" = broken-boot ] && echo "  APPEND console=ttyS0,115200 root=/dev/vda2" \
  || echo "  APPEND console=ttyS0,115200 root=/dev/vda2 rootwait" )
CFG
syslinux --install "$boot"
mcopy -i "$boot" "$vmlinuz" ::/vmlinuz
mcopy -i "$boot" "$work"/syslinux.cfg ::/syslinux.cfg
[ "$recipe" = broken-boot ] || mcopy -i "$boot" "$work"/initrd.gz ::/initrd.gz
truncate -s 23M "$rootimg"
mkfs.ext4 -q -F -L nsbed-root -O ^64bit,^metadata_csum -E root_owner=0:0 -d "$root" "$rootimg"

rm -f "$disk"
truncate -s 40M "$disk"
sfdisk -q "$disk" <<PARTS
label: dos
start=2048, size=32768, type=6, bootable
start=34816, type=83
PARTS
dd if="$mbr" of="$disk" bs=440 count=1 conv=notrunc status=none
dd if="$boot" of="$disk" bs=1M seek=1 conv=notrunc status=none
dd if="$rootimg" of="$disk" bs=1M seek=17 conv=notrunc status=none
