#!/usr/bin/env bash
# What the GPU image lacks, unpacked into .gpu/site for the device tool to carry (64 MiB at most).
#
#   bench/gpu_carry.sh        # from the repository root; then carry .gpu with bench/gpu_session.sh
#
# The image has torch (CUDA 13), peft's deps, accelerate, pyarrow, huggingface_hub and a
# transformers older than ours (5.17: generation needs 5.23, whose wheel travels packed, to fit);
# it lacks the rest of the training stack, our own dependencies and pydantic
# (transformers imports mistral-common, which needs it, wherever mistral-common is). datasets
# 4.7 (not 5.x) because 5.x wants a newer pyarrow and huggingface_hub than the image has.
# Unneeded payload is dropped to fit: bitsandbytes keeps its CUDA 13.0 library,
# mistral-common keeps the v3 tokenizer it is carried for, wordfreq keeps the large
# lists (its default) of the languages the checks use.
set -euo pipefail
cd "$(dirname "$0")/.."
exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")" && touch "$exclude"
grep -qx '/.gpu/' "$exclude" || echo '/.gpu/' >> "$exclude"
rm -rf .gpu && mkdir -p .gpu/dl
target=(--only-binary=:all: --python-version 3.12 --implementation cp --platform manylinux_2_24_x86_64
        --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64)  # the image's Python
python3 -m pip download -q --no-deps "${target[@]}" -d .gpu/dl transformers==5.23.0 bitsandbytes==0.50.2 trl==1.16.0 peft==0.21.2 datasets==4.7.0 dill==0.4.0 \
    multiprocess==0.70.18 mistral-common==1.13.1 wordfreq==3.1.1 ftfy==6.3.1 wcwidth==0.9.4 \
    jsonlines==4.0.0 tenacity==9.2.1 snowballstemmer==3.1.1 langcodes==3.5.1 locate==1.1.1 \
    pydantic==2.14.4 pydantic-core==2.50.5 annotated-types==0.8.0 typing-inspection==0.4.5 \
    pydantic-extra-types==2.11.1 jsonschema==4.26.0 jsonschema-specifications==2025.9.1 \
    referencing==0.37.0 rpds-py==2026.9.1 pycountry==26.2.16
python3 -m pip install -q --no-deps --no-compile "${target[@]}" --target .gpu/site $(ls .gpu/dl/*.whl | grep -v /transformers-)
mkdir -p .gpu/whl && mv .gpu/dl/transformers-*.whl .gpu/whl/
rm -rf .gpu/dl .gpu/site/bin && find .gpu/site -type d -name tests -prune -exec rm -rf {} +
find .gpu/site/bitsandbytes -name 'libbitsandbytes_*.so' ! -name '*_cuda130.so' -delete
rm -rf .gpu/site/pycountry/locales .gpu/site/trl/experimental  # never imported here
find .gpu/site/mistral_common/data -type f ! -name '*.model.v3' -delete
find .gpu/site/wordfreq/data -type f ! -regex '.*/large_\(en\|sv\|fr\|de\|es\|it\)\..*' -delete
du -sh .gpu
