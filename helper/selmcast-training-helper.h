/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SELMCAST_TRAINING_HELPER_H
#define SELMCAST_TRAINING_HELPER_H

#include "selmcast-topology-helper.h"

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/object-factory.h"
#include "ns3/selmcast-controller.h"
#include "ns3/selmcast-trainer.h"
#include "ns3/selmcast-worker.h"

#include <string>
#include <vector>

/**
 * \file
 * \ingroup selmcast
 * Installs a whole training job on a SelmcastTopology: a SelmcastWorker and a SelmcastTrainer on
 * every worker node, the SelmcastController on the controller node.
 */

namespace ns3
{

/**
 * \ingroup selmcast
 * The knobs of a BSP training run, as the selmcast-bsp example takes them from its command line,
 * with one check of them all: a run with bad parameters is refused before it writes anything.
 */
struct SelmcastBspParameters
{
    std::string topology{"bigswitch"};         //!< bigswitch, leafspine, fattree or file
    uint32_t n{8};                             //!< workers, >= 2
    uint32_t hostsPerLeaf{4};                  //!< leafspine: workers per leaf (n a multiple)
    uint32_t spines{2};                        //!< leafspine: spines, >= 1
    double oversubscription{0};                //!< leafspine: sets the fabric rate when > 0
    uint32_t fatTreeK{4};                      //!< fattree: arity k, even
    double edgeOversubscription{1};            //!< fattree: host over edge uplink rate, >= 1
    double aggOversubscription{1};             //!< fattree: edge over core link rate, >= 1
    std::string placement{"packed"};           //!< packed, spread or random
    double linkDelay{1};                       //!< delay of every link, microseconds
    std::string topologyFile;                  //!< file: CSV edge list
    std::string fileWorkers{"leaves"};         //!< file: leaves, all or names joined by +
    std::string fileController;                //!< file: the controller's node (empty: first)
    std::string topologyFormat{"csv"};         //!< file: csv, inet, orbis or rocketfuel
    std::string fileLinkRate{"40Gbps"};        //!< file (not csv): rate of every link
    double fileLinkDelay{1};                   //!< file (not csv): link delay, microseconds
    double background{0};                      //!< other tenants' load, in [0, 1)
    uint32_t controllerRouter{0};              //!< the controller's router (not for file)
    uint32_t p{0};                             //!< receivers per sender; 0: round(pRatio n)
    double pRatio{0.3};                        //!< p / n when p is 0, in (0, 1)
    uint32_t k{4};                             //!< forced-round limit, >= 1
    std::string delivery{"L3"};                //!< L3 or L7
    uint64_t blockSize{1000000};               //!< bytes per block, >= 1
    uint32_t segmentSize{1440};                //!< block bytes per segment, in [1, mtu - 60]
    uint32_t mtu{1500};                        //!< link MTU in bytes, in [68, 65535]
    std::string bandwidth{"10Gbps"};           //!< mean egress bandwidth b
    double lambda{0.25};                       //!< bandwidth spread, in [0, 1)
    double mu{1};                              //!< ingress / egress ratio, > 0
    std::string selector{"selmcast"};          //!< selmcast, random, broadcast, optimum
    std::string workload{"constant"};          //!< compute model name
    double computeMean{10};                    //!< mean compute time, ms, >= 0
    uint32_t rounds{3};                        //!< BSP rounds, >= 1
    std::string outDir{"selmcast-bsp-output"}; //!< result directory, non-empty
    std::string ratePolicy{"finish-together"}; //!< finish-together, maxmin, deadline

    // What a run can represent: n x n state at the controller, the data header's 32-bit
    // sequence numbers, ns-3's Time (about 292 years in nanoseconds).
    static constexpr uint32_t MAX_WORKERS = 4096;               //!< largest n
    static constexpr uint64_t MAX_BLOCK_SIZE = 100000000000ULL; //!< 100 GB
    static constexpr uint64_t MAX_SEGMENTS = 0xffffffffULL;     //!< segments per block
    static constexpr uint32_t MAX_ROUNDS = 1000000;             //!< largest rounds and k
    static constexpr double MAX_COMPUTE_MEAN_MS = 3.6e6;        //!< one hour
    static constexpr double MAX_MU = 1000;                      //!< largest ingress ratio
    static constexpr double MIN_RATE_BPS = 1e3;                 //!< slowest --bandwidth
    static constexpr double MAX_RATE_BPS = 1e13;                //!< fastest --bandwidth

    /** \return p as used: p, or round(pRatio n) (at least 1) when p is 0 */
    uint32_t EffectiveP() const;

    /**
     * \return an empty string when every parameter is valid, else a message that names the
     *         first bad parameter and its allowed range
     */
    std::string Validate() const;

    /**
     * Check that the slowest access link still carries the control path: a full frame must
     * leave within a quarter of the controller's WorkerTimeout (its default, as --ns3:: may set
     * it), else heartbeats queue behind data and workers are excluded although they run.
     * \param slowestBps the slowest ingress or egress rate a worker can draw, bit/s
     * \return an empty string when fast enough, else a message with the smallest allowed rate
     */
    std::string ValidateControlPath(double slowestBps) const;
};

/**
 * \ingroup selmcast
 * The knobs of an SSP training run (the selmcast-ssp example): the BSP knobs plus the staleness
 * bound, eta and the run length. Defaults follow spec section 7 scaled down (n = 8, small
 * blocks), with max-min rates; the selector may not be "optimum" (it has no SSP form).
 */
struct SelmcastSspParameters : public SelmcastBspParameters
{
    /** The SSP defaults: max-min rates, 1 MB blocks, uniform compute, its own output folder. */
    SelmcastSspParameters();

    int32_t ssp{4};                         //!< staleness threshold, >= 0
    double eta{0.75};                       //!< preemption threshold, in [0, 1]
    double duration{0};                     //!< simulated seconds, >= 0; 0: run `rounds`
    std::string tauOrder{"non-decreasing"}; //!< non-decreasing or non-increasing
    std::string paretoLoad{"new"};          //!< new or old

    static constexpr int32_t MAX_SSP = 1000000; //!< largest staleness threshold
    static constexpr double MAX_DURATION = 1e6; //!< longest duration, seconds (11.6 days)

    /**
     * \return an empty string when every parameter is valid, else a message that names the
     *         first bad parameter and its allowed range
     */
    std::string Validate() const;
};

/**
 * \ingroup selmcast
 * Wires a training job: worker i gets WorkerId i on both its applications, the trainers learn
 * the controller's address and their node's worker, the controller learns the topology.
 *
 * The block geometry must be the same at the workers and the controller: SetBlock sets both.
 * The workers pace wire bytes (PacingOverhead = 62, the controller's FrameOverhead), so the
 * controller's rates are link shares; change both together if the framing changes.
 */
class SelmcastTrainingHelper
{
  public:
    /** Factories with default attributes, plus the wire-byte pacing described above. */
    SelmcastTrainingHelper();

    /**
     * \param name an attribute of SelmcastWorker (not WorkerId)
     * \param value its value
     */
    void SetWorkerAttribute(std::string name, const AttributeValue& value);
    /**
     * \param name an attribute of SelmcastTrainer (not WorkerId, Controller, Worker)
     * \param value its value
     */
    void SetTrainerAttribute(std::string name, const AttributeValue& value);
    /**
     * \param name an attribute of SelmcastController
     * \param value its value
     */
    void SetControllerAttribute(std::string name, const AttributeValue& value);
    /**
     * Set the block geometry of the workers and the controller.
     * \param blockSize bytes per block, > 0
     * \param segmentSize block bytes per segment, > 0
     */
    void SetBlock(uint64_t blockSize, uint32_t segmentSize);

    /**
     * Install the job. Applications start at time 0 unless the container is told otherwise.
     * Every application is created, but only those of nodes this process simulates (all of
     * them without MPI; SelmcastRankPolicy::IsLocal) are added to their nodes. A
     * SelmcastRouterAgent goes on every router and worker: it applies the controller's tree
     * changes.
     * \param topology what SelmcastTopologyHelper built
     * \return every application installed: workers, trainers, then the controller
     */
    ApplicationContainer Install(Ptr<SelmcastTopology> topology);

    /** \return the controller of the last Install */
    Ptr<SelmcastController> GetController() const;
    /** \return the trainers of the last Install, worker i at index i */
    const std::vector<Ptr<SelmcastTrainer>>& GetTrainers() const;
    /** \return the workers of the last Install, worker i at index i */
    const std::vector<Ptr<SelmcastWorker>>& GetWorkers() const;

    /**
     * Fix the random streams of the last Install's trainers and controller.
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * Add an application to its node when this process simulates the node (MPI rank).
     * \param node the node
     * \param app the application
     */
    static void AddLocal(Ptr<Node> node, Ptr<Application> app);

    ObjectFactory m_workerFactory;                //!< creates the SelmcastWorkers
    ObjectFactory m_trainerFactory;               //!< creates the SelmcastTrainers
    ObjectFactory m_controllerFactory;            //!< creates the SelmcastController
    Ptr<SelmcastController> m_controller;         //!< last Install's controller
    std::vector<Ptr<SelmcastTrainer>> m_trainers; //!< last Install's trainers
    std::vector<Ptr<SelmcastWorker>> m_workers;   //!< last Install's workers
};

} // namespace ns3

#endif /* SELMCAST_TRAINING_HELPER_H */
