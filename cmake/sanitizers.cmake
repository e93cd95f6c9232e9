# Sanitizers, switched on by the asan preset: ASan + UBSan on every target, deps included.
option(ARDOQ_SYNC_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(ARDOQ_SYNC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
