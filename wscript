# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-

# waf-era ns-3 (<= 3.35) finds a contrib module only through this file; ns-3 >= 3.36 uses
# CMakeLists.txt and ignores it. utils/check-wscript.py keeps the lists here equal to the CMake
# lists (README, section wscript-compat).


def configure(conf):
    # The exact optimum uses Boost.Graph (header-only).
    have_boost = conf.check_nonfatal(header_name='boost/graph/push_relabel_max_flow.hpp',
                                     define_name='HAVE_BOOST_GRAPH')
    conf.report_optional_feature('selmcast', 'selmcast (Boost.Graph headers)', bool(have_boost),
                                 'Boost.Graph headers not found: install libboost-dev')
    if not have_boost:
        conf.env['MODULES_NOT_BUILT'].append('selmcast')


def build(bld):
    if 'selmcast' in bld.env['MODULES_NOT_BUILT']:
        return
    # --netanim only where ns-3's netanim module is enabled: as a dependency it would pull in wifi,
    # lte, wimax and more (the CMake side: cmake/optional-netanim.cmake).
    netanim = ('ns3-netanim' in bld.env['NS3_ENABLED_MODULES']
               and 'netanim' not in bld.env['MODULES_NOT_BUILT'])
    dependencies = ['core', 'network', 'internet', 'point-to-point', 'applications',
                    'traffic-control', 'topology-read']
    if netanim:
        dependencies += ['netanim', 'mobility']  # mobility: the node positions NetAnim draws
    # --distributed only where ns-3's mpi module is enabled (cmake/optional-mpi.cmake).
    mpi = ('ns3-mpi' in bld.env['NS3_ENABLED_MODULES']
           and 'mpi' not in bld.env['MODULES_NOT_BUILT'])
    if mpi:
        dependencies += ['mpi']
    module = bld.create_ns3_module('selmcast', dependencies)
    module.source = [
        'model/selmcast-problem.cc',
        'model/selmcast-rng.cc',
        'model/selmcast-selector.cc',
        'model/selmcast-algorithm.cc',
        'model/selmcast-ssp.cc',
        'model/selmcast-baselines.cc',
        'model/selmcast-optimum.cc',
        'model/selmcast-instance.cc',
        'model/selmcast-rate-allocator.cc',
        'model/selmcast-compute-model.cc',
        'model/selmcast-ssp-tau.cc',
        'model/selmcast-ssp-flow.cc',
        'model/selmcast-fabric.cc',
        'model/selmcast-fabric-rates.cc',
        'model/selmcast-fabric-time.cc',
        'model/selmcast-fabric-selector.cc',
        'model/selmcast-fabric-subset.cc',
        'model/selmcast-fabric-ssp.cc',
        'helper/selmcast-background.cc',
        'helper/selmcast-fabric-spec.cc',
        'helper/selmcast-fabric-file.cc',
        'helper/selmcast-rank-policy.cc',
        'helper/selmcast-cross-rank-counter.cc',
        'helper/selmcast-distributed.cc',
        'helper/selmcast-topology-helper.cc',
        'model/selmcast-node-routes.cc',
        'model/selmcast-tree-header.cc',
        'model/selmcast-router-agent.cc',
        'model/selmcast-tree-messenger.cc',
        'helper/selmcast-multicast-tree-helper.cc',
        'model/selmcast-routing.cc',
        'model/selmcast-device-demux.cc',
        'helper/selmcast-routing-helper.cc',
        'model/selmcast-header.cc',
        'model/selmcast-fec.cc',
        'model/selmcast-transfer.cc',
        'model/selmcast-worker.cc',
        'model/selmcast-burst-error-model.cc',
        'helper/selmcast-worker-helper.cc',
        'model/selmcast-control-header.cc',
        'model/selmcast-rate-meter.cc',
        'model/selmcast-trainer.cc',
        'model/selmcast-controller.cc',
        'model/selmcast-controller-ssp.cc',
        'model/selmcast-controller-fabric.cc',
        'helper/selmcast-training-helper.cc',
        'helper/selmcast-results.cc',
        'helper/selmcast-args.cc',
        'helper/selmcast-bandwidth-variation.cc',
        'helper/selmcast-scenario-helper.cc',
        'helper/selmcast-fabric-builder.cc',
        'helper/selmcast-ssp-results.cc',
        'helper/selmcast-link-stats.cc',
        'helper/selmcast-pcap-helper.cc',
        'helper/selmcast-run-capture.cc',
        'helper/selmcast-timeline.cc',
    ]

    module_test = bld.create_ns3_module_test_library('selmcast')
    module_test.source = [
        'test/selmcast-selection-test-suite.cc',
        'test/selmcast-background-test-suite.cc',
        'test/selmcast-fabric-test-suite.cc',
        'test/selmcast-fec-test-suite.cc',
        'test/selmcast-fabric-round-test-suite.cc',
        'test/selmcast-fabric-ssp-test-suite.cc',
        'test/selmcast-topology-file-test-suite.cc',
        'test/selmcast-rate-report-test-suite.cc',
        'test/selmcast-topology-test-suite.cc',
        'test/selmcast-multicast-tree-test-suite.cc',
        'test/selmcast-fault-test-suite.cc',
        'test/selmcast-header-test-suite.cc',
        'test/selmcast-transfer-test-suite.cc',
        'test/selmcast-training-test-suite.cc',
        'test/selmcast-rate-policy-test-suite.cc',
        'test/selmcast-scenario-test-suite.cc',
        'test/selmcast-ssp-test-suite.cc',
        'test/selmcast-capture-test-suite.cc',
        'test/selmcast-timeline-test-suite.cc',
        'test/selmcast-routing-test-suite.cc',
        'test/selmcast-tree-messages-test-suite.cc',
        'test/selmcast-partition-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'selmcast'
    headers.source = [
        'model/selmcast-problem.h',
        'model/selmcast-fail.h',
        'model/selmcast-rng.h',
        'model/selmcast-selector.h',
        'model/selmcast-algorithm.h',
        'model/selmcast-baselines.h',
        'model/selmcast-optimum.h',
        'model/selmcast-instance.h',
        'model/selmcast-rate-allocator.h',
        'model/selmcast-compute-model.h',
        'model/selmcast-ssp-tau.h',
        'model/selmcast-ssp-flow.h',
        'model/selmcast-fabric.h',
        'model/selmcast-fabric-rates.h',
        'model/selmcast-fabric-time.h',
        'model/selmcast-fabric-selector.h',
        'model/selmcast-fabric-subset.h',
        'model/selmcast-fabric-ssp.h',
        'model/selmcast-ssp-plan.h',
        'helper/selmcast-background.h',
        'helper/selmcast-fabric-spec.h',
        'helper/selmcast-fabric-file.h',
        'helper/selmcast-rank-policy.h',
        'helper/selmcast-cross-rank-counter.h',
        'helper/selmcast-distributed.h',
        'helper/selmcast-topology-helper.h',
        'model/selmcast-node-routes.h',
        'model/selmcast-tree-header.h',
        'model/selmcast-router-agent.h',
        'model/selmcast-tree-messenger.h',
        'helper/selmcast-multicast-tree-helper.h',
        'model/selmcast-routing.h',
        'model/selmcast-device-demux.h',
        'helper/selmcast-routing-helper.h',
        'model/selmcast-header.h',
        'model/selmcast-fec.h',
        'model/selmcast-transfer.h',
        'model/selmcast-worker.h',
        'model/selmcast-burst-error-model.h',
        'helper/selmcast-worker-helper.h',
        'model/selmcast-control-header.h',
        'model/selmcast-rate-meter.h',
        'model/selmcast-trainer.h',
        'model/selmcast-controller.h',
        'helper/selmcast-training-helper.h',
        'helper/selmcast-results.h',
        'helper/selmcast-args.h',
        'helper/selmcast-bandwidth-variation.h',
        'helper/selmcast-scenario-helper.h',
        'helper/selmcast-fabric-builder.h',
        'helper/selmcast-ssp-results.h',
        'helper/selmcast-link-stats.h',
        'helper/selmcast-pcap-helper.h',
        'helper/selmcast-run-capture.h',
        'helper/selmcast-timeline.h',
    ]

    if netanim:
        module.source.append('helper/selmcast-netanim-helper.cc')
        headers.source.append('helper/selmcast-netanim-helper.h')
        module.env.append_value('DEFINES', 'SELMCAST_HAVE_NETANIM')
    if mpi:
        module.env.append_value('DEFINES', 'SELMCAST_HAVE_MPI')

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
