#!/usr/bin/env bash
# Prepares target/gpu-kit: what the GPU proof run (scripts/gpu/run.sh) needs on a CUDA machine that has Python torch
# but no JDK and no network. Nothing of it is committed (DJL's sources and every binary stay out of the repository).
#
#   scripts/gpu/prepare-kit.sh DJL_GIT_DIR      e.g. a clone of https://github.com/deepjavalibrary/djl (tag v0.36.0)
#
# The kit: a jlink'd Java runtime with the JNI headers (for CMake's FindJNI), the jars the harness runs on, the
# harness, and DJL 0.36.0's PyTorch JNI sources with the header javac generates from PyTorchLibrary.java, so the JNI
# can be built there against that machine's libtorch.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
djl="${1:?usage: prepare-kit.sh DJL_GIT_DIR}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
kit="$root/target/gpu-kit"
m2="${M2_REPO:-$HOME/.m2/repository}"
rm -rf "$kit"
mkdir -p "$kit/lib" "$kit/djl"

# DJL 0.36.0's native sources for the PyTorch JNI, and the JNI header made from its PyTorchLibrary.java.
git --git-dir="$djl" archive v0.36.0 engines/pytorch/pytorch-native api/src/main/native \
  engines/pytorch/pytorch-engine/src/main/java | tar -x -C "$kit/djl"
native="$kit/djl/engines/pytorch/pytorch-native"
mkdir -p "$native/build/include" "$kit/tmp"
"$java_home/bin/javac" -nowarn -sourcepath "$kit/djl/engines/pytorch/pytorch-engine/src/main/java" \
  -cp "$m2/ai/djl/api/0.36.0/api-0.36.0.jar" -h "$native/build/include" -d "$kit/tmp" \
  "$kit/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
rm -rf "$kit/djl/engines/pytorch/pytorch-engine" "$kit/tmp"

# A small Java runtime: what DJL's NDList path and the harness need, plus the JNI headers for FindJNI.
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$kit/jre"
cp -r "$java_home/include" "$kit/jre/include"

# The jars: the project's PooledModel and what it stands on, DJL's PyTorch engine (not its natives), logging.
for jar in \
  "$root/cascade-api/target/cascade-api-0.1.0-SNAPSHOT.jar" \
  "$root/cascade-core/target/cascade-core-0.1.0-SNAPSHOT.jar" \
  "$root/stages-vision/target/stages-vision-0.1.0-SNAPSHOT.jar" \
  "$m2/ai/djl/api/0.36.0/api-0.36.0.jar" \
  "$m2/ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar" \
  "$m2/net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar" \
  "$m2/com/google/code/gson/gson/2.13.1/gson-2.13.1.jar" \
  "$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
  "$m2/org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar" \
  "$m2/org/jspecify/jspecify/1.0.0/jspecify-1.0.0.jar" \
  "$m2/org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar"; do
  cp "$jar" "$kit/lib/"
done

# The harness, compiled here (there is no javac there).
mkdir -p "$kit/classes"
"$java_home/bin/javac" --release 21 -cp "$kit/lib/*" -d "$kit/classes" "$root/scripts/gpu/GpuParity.java"
cp "$root/scripts/gpu/run.sh" "$root/scripts/gpu/models.py" "$kit/"
du -sh "$kit"
