#!/usr/bin/env bash
# The GPU proof run, on a CUDA machine with Python torch and no JDK (target/gpu-kit from prepare-kit.sh travels
# with the checkout). Builds DJL 0.36.0's PyTorch JNI against the machine's libtorch, makes the models and Python's
# numbers (models.py), runs the Java side (GpuParity) and prints the table for docs/gpu.md.
#
#   bash target/gpu-kit/run.sh OUT_DIR [RUNS]
set -euo pipefail
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: run.sh OUT_DIR [RUNS]}"
runs="${2:-300}"
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$out/gpu.txt"

torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
torch_version="$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')"
cuda="$(python3 -c 'import torch; print("cu" + torch.version.cuda.replace(".", ""))')"
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
echo "torch $torch_version ($cuda) at $torch_lib"

# DJL's JNI for this libtorch, where DJL looks for it (and where cascade4j's LibtorchCheck finds it).
native="$kit/djl/engines/pytorch/pytorch-native"
mkdir -p "$native/build"
start=$(date +%s)
(cd "$native/build" && JAVA_HOME="$kit/jre" cmake -DCMAKE_PREFIX_PATH="$prefix" -DUSE_CUDA=1 \
  -DJAVA_HOME="$kit/jre" .. >"$out/cmake.log" 2>&1 && cmake --build . -- -j "$(nproc)" >>"$out/cmake.log" 2>&1) \
  || { tail -40 "$out/cmake.log"; exit 1; }
echo "JNI built in $(( $(date +%s) - start )) s"
export DJL_CACHE_DIR="$out/djl-cache"
jni_dir="$DJL_CACHE_DIR/pytorch/$torch_version-$cuda-linux-x86_64"
mkdir -p "$jni_dir"
cp "$native/build/libdjl_torch.so" "$jni_dir/0.36.0-libdjl_torch.so"

PYTHONUNBUFFERED=1 python3 "$kit/models.py" "$out/models" "$runs" 2>&1 | tee "$out/python.log"

export PYTORCH_LIBRARY_PATH="$torch_lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$cuda"
"$kit/jre/bin/java" -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$kit/lib/*:$kit/classes" GpuParity "$out/models" "$runs" 2>&1 | tee "$out/java.log"
rm -f "$out"/models/*.pt "$out"/models/*.f32
